using NodaTime;
using Vigil.Server.Oncall;

namespace Vigil.Server.Maintenance;

/// <summary>
/// The pure part of the watcher rule: which spans of a window its watcher must be on call for, and which parts of
/// a span a schedule's final shifts leave without the watcher.
/// </summary>
public static class WatcherCoverage
{
    /// <summary>
    /// How far ahead a recurring window's occurrences are checked: those starting within 7 days (a weekly window's
    /// next occurrence, a nightly one's next seven), and at least the next one. Later occurrences are checked when
    /// the window is changed again; the coverage-gap warning covers the rota itself.
    /// </summary>
    public static readonly TimeSpan RecurringHorizon = TimeSpan.FromDays(7);

    /// <summary>The parts of [<paramref name="from"/>, <paramref name="to"/>) in which <paramref name="watcher"/> is not on call,
    /// given a schedule's sorted, non-overlapping final shifts.</summary>
    public static List<InstantRange> Uncovered(IReadOnlyList<Shift> shifts, string watcher, Instant from, Instant to) =>
        CoverageGaps.Find([.. shifts.Where(s => string.Equals(s.Person, watcher, StringComparison.Ordinal))], from, to);

    /// <summary>
    /// The spans of <paramref name="window"/> from <paramref name="now"/> on that its watcher must cover: the rest of an
    /// open occurrence (the past cannot be staffed), then the occurrences to come — for a one-off window that is all of
    /// it, for a recurring one those within <see cref="RecurringHorizon"/> (at least the next).
    /// </summary>
    public static List<Occurrence> Spans(MaintenanceWindow window, DateTimeOffset now)
    {
        var spans = new List<Occurrence>();
        if (WindowRules.OccurrenceAt(window, now) is { } open)
        {
            spans.Add(open with { Start = now });
        }
        var horizon = now + RecurringHorizon;
        foreach (var o in WindowRules.Occurrences(window, now, null))
        {
            if (o.Start <= now)
            {
                continue;
            }
            if (window.IsRecurring && o.Start > horizon && spans.Count > 0)
            {
                break;
            }
            spans.Add(o);
            if (!window.IsRecurring)
            {
                break;
            }
        }
        return spans;
    }
}
