using Vigil.Server.Maintenance;

namespace Vigil.Server.Web.Maintenance;

/// <summary>
/// The Maintenance page's windows in one pass over the in-memory set: running now (ending soonest first), upcoming
/// (starting soonest first) and recently ended (latest first, at most <c>recent</c>). A window that cannot be evaluated
/// is listed with its error among the running ones, so it is seen and can be ended.
/// </summary>
public sealed record WindowRows(IReadOnlyList<WindowRow> Running, IReadOnlyList<WindowRow> Upcoming, IReadOnlyList<WindowRow> Recent)
{
    public static WindowRows Of(WindowSet set, DateTimeOffset now, int recent = 20)
    {
        var running = new List<WindowRow>();
        var upcoming = new List<WindowRow>();
        var ended = new List<WindowRow>();
        foreach (var w in set.All)
        {
            var row = Evaluate(w, set.ErrorOf(w), now);
            switch (row.State)
            {
                case WindowState.Active or null:
                    running.Add(row);
                    break;
                case WindowState.Upcoming:
                    upcoming.Add(row);
                    break;
                default:
                    ended.Add(row);
                    break;
            }
        }
        return new WindowRows(
            [.. running.OrderBy(r => r.Current?.End ?? DateTimeOffset.MaxValue).ThenBy(r => r.Window.Id, StringComparer.Ordinal)],
            [.. upcoming.OrderBy(r => r.Next?.Start ?? DateTimeOffset.MaxValue).ThenBy(r => r.Window.Id, StringComparer.Ordinal)],
            [.. ended.OrderByDescending(r => r.EndedAt ?? DateTimeOffset.MinValue).ThenBy(r => r.Window.Id, StringComparer.Ordinal).Take(recent)]);
    }

    public static WindowRow Evaluate(MaintenanceWindow w, string? error, DateTimeOffset now)
    {
        if (error is not null)
        {
            return new WindowRow(w, null, null, null, w.EndedAt, error);
        }
        try
        {
            var state = WindowRules.StateAt(w, now);
            var ended = w.EndedAt ?? (state == WindowState.Ended ? w.End ?? (w.Duration is { } d ? w.Start + d : w.Start) : null);
            return new WindowRow(w, state, WindowRules.OccurrenceAt(w, now), WindowRules.NextOccurrence(w, now), ended, null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException or FormatException)
        {
            // A definition the rules cannot evaluate shows its error instead of breaking the page.
            return new WindowRow(w, null, null, null, w.EndedAt, e.Message);
        }
    }
}
