using System.Text.Json.Nodes;
using Vigil.Server.Maintenance;

namespace Vigil.Server.Web.Maintenance;

/// <summary>
/// The watcher check's answer as the new-window form shows it before saving: covered (the watcher is on call for the
/// whole window), covered once the listed overrides are made (assign), not checked (no schedule exists), or refused —
/// with the uncovered intervals when the watcher is not on call for all of it.
/// </summary>
internal sealed record WatcherAnswer(bool Accepted, string Message, string? Schedule, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Uncovered,
    IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Checked, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Assign)
{
    public static WatcherAnswer Of(MaintenanceWindow window, WatcherCheck.Result result)
    {
        if (result.Error is { } error)
        {
            var uncovered = result.Problem?["uncovered"] is JsonArray list
                ? list.Select(i => (Parse(i?["from"]), Parse(i?["to"]))).ToList()
                : [];
            return new WatcherAnswer(false, error, result.Problem?["schedule"]?.GetValue<string>(), uncovered, [], []);
        }
        if (result.Unchecked)
        {
            return new WatcherAnswer(true, "No on-call schedule is configured, so the watcher is not checked (the window records watcher_unchecked).",
                null, [], [], []);
        }
        var schedule = result.Schedule!.Name;
        var spans = result.Spans.Select(s => (s.Start, s.End)).ToList();
        var assign = result.Assign.Select(r => (r.From.ToDateTimeOffset(), r.To.ToDateTimeOffset())).ToList();
        var message = assign.Count == 0
            ? $"{window.Watcher} is on call in schedule {schedule} for the whole window; {window.Backup} is the backup."
            : $"{window.Watcher} is not on call in schedule {schedule} for all of the window: creating it puts {window.Watcher} on call for the intervals below (overrides).";
        return new WatcherAnswer(true, message, schedule, [], spans, assign);
    }

    private static DateTimeOffset Parse(JsonNode? node) =>
        DateTimeOffset.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
