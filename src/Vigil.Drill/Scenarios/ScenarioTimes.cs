using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Vigil.Server.Config;

namespace Vigil.Drill.Scenarios;

/// <summary>
/// Times in a scenario, as people write a night's timeline: a wall-clock time in the scenario's zone (<c>22:30</c>,
/// <c>12:30 AM</c>: the first such moment at or after the start), an offset from the start (<c>+2h30m</c>), a local
/// date and time (<c>2020-05-10 22:30</c>) or an RFC 3339 instant.
/// </summary>
internal static class ScenarioTimes
{
    private static readonly string[] ClockPatterns = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss", "h:mm tt", "h:mm:ss tt", "h tt"];

    public static DateTimeOffset Start(YamlCursor node, DateTimeZone zone) =>
        Absolute(node.Text(), zone) ?? throw node.Error("not a date and time: write it as 2020-05-10 22:00 (in the scenario's zone) or 2020-05-11T05:00:00Z");

    public static DateTimeOffset At(YamlCursor node, DateTimeZone zone, DateTimeOffset start)
    {
        var text = node.Text().Trim();
        if (text.StartsWith('+'))
        {
            return PromDuration.TryParse(text[1..], out var offset)
                ? start + offset
                : throw node.Error($"not an offset from the start: \"{text}\" (write +2h30m)");
        }
        if (Absolute(text, zone) is { } absolute)
        {
            return absolute;
        }
        if (ClockTime(text) is { } clock)
        {
            var local = Instant.FromDateTimeOffset(start).InZone(zone).LocalDateTime;
            var candidate = local.Date.At(clock);
            if (candidate < local)
            {
                candidate = candidate.PlusDays(1);
            }
            return candidate.InZoneLeniently(zone).ToDateTimeOffset().ToUniversalTime();
        }
        throw node.Error($"not a time: \"{text}\" (write 22:30, 12:30 AM, +2h30m, 2020-05-10 22:30 or an RFC 3339 instant)");
    }

    private static DateTimeOffset? Absolute(string text, DateTimeZone zone)
    {
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var instant) && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10))
        {
            return instant.ToUniversalTime();
        }
        foreach (var pattern in new[] { "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss" })
        {
            var parsed = LocalDateTimePattern.CreateWithInvariantCulture(pattern).Parse(text);
            if (parsed.Success)
            {
                return parsed.Value.InZoneLeniently(zone).ToDateTimeOffset().ToUniversalTime();
            }
        }
        return null;
    }

    private static LocalTime? ClockTime(string text)
    {
        foreach (var pattern in ClockPatterns)
        {
            var parsed = LocalTimePattern.CreateWithInvariantCulture(pattern).Parse(text.ToUpperInvariant());
            if (parsed.Success)
            {
                return parsed.Value;
            }
        }
        return null;
    }

    /// <summary>How a report shows an instant: in the scenario's zone, with the offset from the start.</summary>
    public static string Show(DateTimeOffset t, DateTimeZone zone, DateTimeOffset start)
    {
        var local = Instant.FromDateTimeOffset(t).InZone(zone);
        var offset = t - start;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        var rel = abs.TotalHours >= 1 ? $"{(int)abs.TotalHours}h{abs.Minutes:00}m" : $"{abs.Minutes}m{abs.Seconds:00}s";
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + $" ({sign}{rel})";
    }
}
