using System.Globalization;
using NodaTime;

namespace Vigil.Server.Oncall;

/// <summary>Where nobody is on call: the complement of final shifts in a range, and how to say it to a person.</summary>
public static class CoverageGaps
{
    /// <summary>The uncovered spans of [<paramref name="from"/>, <paramref name="to"/>), given sorted, non-overlapping shifts.</summary>
    public static List<InstantRange> Find(IReadOnlyList<Shift> shifts, Instant from, Instant to)
    {
        var gaps = new List<InstantRange>();
        var at = from;
        foreach (var s in shifts)
        {
            if (s.From > at)
            {
                gaps.Add(new InstantRange(at, s.From < to ? s.From : to));
            }
            if (s.To > at)
            {
                at = s.To;
            }
            if (at >= to)
            {
                break;
            }
        }
        if (at < to)
        {
            gaps.Add(new InstantRange(at, to));
        }
        gaps.RemoveAll(g => g.IsEmpty);
        return gaps;
    }

    /// <summary>E.g. <c>nobody 02:00–06:00 Sat 2027-03-13 (Europe/Berlin)</c>, or across days
    /// <c>nobody 22:00 Fri 2027-03-12–06:00 Sat 2027-03-13 (Europe/Berlin)</c>.</summary>
    public static string Describe(InstantRange gap, DateTimeZone zone)
    {
        var s = gap.From.InZone(zone).LocalDateTime;
        var e = gap.To.InZone(zone).LocalDateTime;
        var inv = CultureInfo.InvariantCulture;
        var day = s.ToString("ddd yyyy-MM-dd", inv);
        var sameDay = s.Date == e.Date || (e.Date == s.Date.PlusDays(1) && e.TimeOfDay == LocalTime.Midnight);
        var endTime = e.TimeOfDay == LocalTime.Midnight && e.Date != s.Date ? "24:00" : e.ToString("HH:mm", inv);
        return sameDay
            ? $"nobody {s.ToString("HH:mm", inv)}–{endTime} {day} ({zone.Id})"
            : $"nobody {s.ToString("HH:mm", inv)} {day}–{e.ToString("HH:mm ddd yyyy-MM-dd", inv)} ({zone.Id})";
    }
}
