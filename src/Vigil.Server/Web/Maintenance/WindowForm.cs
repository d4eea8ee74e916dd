using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Vigil.Server.Maintenance;

namespace Vigil.Server.Web.Maintenance;

/// <summary>
/// What the new-window form posts, as typed: one selector per line for targets and expected signals, a start in the
/// viewer's zone (empty: now), a Prometheus duration. <see cref="ToDraft"/> makes the API's draft of it, so the window
/// is checked and built by the same <see cref="WindowBuilder"/> as one posted to <c>/api/v1/maintenance</c>.
/// </summary>
internal sealed record WindowForm(string? Targets, string? Expected, string? Start, string? Duration, string? Watcher, string? Backup,
    string? Schedule, string? Announcement, bool Assign)
{
    private static readonly LocalDateTimePattern[] StartPatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm"),
    ];

    /// <summary>The draft, or the form field that is wrong and why.</summary>
    public (WindowDraft? Draft, string? Error) ToDraft(DateTimeZone zone)
    {
        string start;
        if (string.IsNullOrWhiteSpace(Start))
        {
            start = "now";
        }
        else if (ParseLocal(Start.Trim()) is { } local)
        {
            if (local.Year is < 1000 or >= 9000)
            {
                return (null, $"Start: {local.Year} is out of range (years 1000 to 8999)");
            }
            // A wall-clock time that a DST change skips or repeats is taken as the later valid instant, like a calendar does.
            start = WindowDraft.Rfc3339(local.InZoneLeniently(zone).ToDateTimeOffset());
        }
        else
        {
            return (null, $"Start: \"{Start.Trim()}\" is not a date and time (like 2026-12-01T22:00), in {zone.Id}; leave it empty for now");
        }
        return (new WindowDraft
        {
            Targets = Lines(Targets),
            Expected = Lines(Expected),
            Start = start,
            Duration = string.IsNullOrWhiteSpace(Duration) ? null : Duration.Trim(),
            Watcher = Watcher?.Trim(),
            Backup = Backup?.Trim(),
            Schedule = string.IsNullOrWhiteSpace(Schedule) ? null : Schedule.Trim(),
            Announcement = Announcement?.Trim(),
            Assign = Assign,
        }, null);
    }

    /// <summary>The builder's field name as the form labels it: <c>targets[1]</c> → "Targets, line 2".</summary>
    public static string Describe(string apiError)
    {
        var colon = apiError.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return apiError;
        }
        var field = apiError[..colon];
        var rest = apiError[colon..];
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? field : field[..bracket];
        var label = name switch
        {
            "targets" => "Targets",
            "expected" => "Expected signals",
            "start" => "Start",
            "end" or "duration" => "Duration",
            "watcher" => "Watcher",
            "backup" => "Backup",
            "schedule" => "Schedule",
            "announcement" => "Announcement",
            _ => field,
        };
        if (bracket > 0 && int.TryParse(field[(bracket + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            label += ", line " + (index + 1).ToString(CultureInfo.InvariantCulture);
        }
        return label + rest;
    }

    private static LocalDateTime? ParseLocal(string text)
    {
        foreach (var pattern in StartPatterns)
        {
            if (pattern.Parse(text) is { Success: true } result)
            {
                return result.Value;
            }
        }
        return null;
    }

    private static List<string> Lines(string? text) =>
        text is null ? [] : [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}
