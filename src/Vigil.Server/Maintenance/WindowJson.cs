using System.Text.Json.Nodes;
using Vigil.Server.Config;
using Vigil.Server.Labels;

namespace Vigil.Server.Maintenance;

/// <summary>The one converter from windows and events to the JSON of <c>/api/v1/maintenance</c> and the audit log.</summary>
internal static class WindowJson
{
    /// <summary>The definition and its bookkeeping (what the audit log keeps as before/after).</summary>
    public static JsonObject Definition(MaintenanceWindow w) => new()
    {
        ["id"] = w.Id,
        ["source"] = w.Source,
        ["targets"] = Selectors(w.Targets),
        ["expected"] = Selectors(w.Expected),
        ["start"] = w.Start,
        ["end"] = w.End,
        ["cron"] = w.Cron,
        ["duration"] = w.Duration is { } d ? PromDuration.Format(d) : null,
        ["timeZone"] = w.TimeZone,
        ["watcher"] = w.Watcher,
        ["backup"] = w.Backup,
        ["schedule"] = w.Schedule,
        ["announcement"] = w.Announcement,
        ["createdAt"] = w.Source == WindowSources.Config ? null : w.CreatedAt,
        ["updatedAt"] = w.Source == WindowSources.Config ? null : w.UpdatedAt,
        ["endedAt"] = w.EndedAt,
        ["doneAt"] = w.DoneAt,
    };

    /// <summary>
    /// The definition plus where it stands at <paramref name="now"/>. A window that is not evaluated has state
    /// <c>error</c> and the reason in <c>error</c> (null otherwise).
    /// </summary>
    public static JsonObject View(MaintenanceWindow w, DateTimeOffset now, string? error)
    {
        var o = Definition(w);
        JsonObject? current = null, next = null;
        var state = "error";
        if (error is null)
        {
            try
            {
                state = WindowRules.StateAt(w, now).ToString().ToLowerInvariant();
                current = WindowRules.OccurrenceAt(w, now) is { } open ? Span(open) : null;
                next = WindowRules.NextOccurrence(w, now) is { } upcoming ? Span(upcoming) : null;
            }
            catch (Exception e)
            {
                (state, error) = ("error", e.Message);
            }
        }
        o["state"] = state;
        o["currentOccurrence"] = current;
        o["nextOccurrence"] = next;
        o["error"] = error;
        return o;
    }

    public static JsonObject Event(WindowEvent e) => new()
    {
        ["id"] = e.Id,
        ["windowId"] = e.WindowId,
        ["occurrenceStart"] = e.OccurrenceStart,
        ["kind"] = e.Kind,
        ["at"] = e.At,
        ["detail"] = e.Detail is null ? null : JsonNode.Parse(e.Detail),
    };

    private static JsonObject Span(Occurrence o) => new() { ["start"] = o.Start, ["end"] = o.End };

    private static JsonArray Selectors(IReadOnlyList<IReadOnlyList<Matcher>> selectors) =>
        new([.. selectors.Select(s => (JsonNode)JsonValue.Create(s.Count == 1 ? s[0].ToString() : Matcher.ListToString(s)))]);
}
