using Vigil.Server.Plans.Runs;

namespace Vigil.Server.Incidents;

/// <summary>
/// The events of the plan runs in the story: those linked to the incident, and those whose maintenance window is linked.
/// Each step's start and outcome, the halts, the pages and the commands people gave, as the run recorded them.
/// </summary>
internal sealed class PlanRunTimelineSource(PlanRunStore runs) : ITimelineSource
{
    /// <summary>How many recent runs are searched for one that opened a linked window.</summary>
    private const int RecentRuns = 200;

    public string Name => "plan";

    public async Task<IReadOnlyList<IncidentEntry>> EntriesAsync(TimelineScope scope, CancellationToken ct)
    {
        var ids = scope.OfKind(IncidentLink.PlanRun).ToDictionary(l => l.Ref, l => l.Label, StringComparer.Ordinal);
        var windows = scope.OfKind(IncidentLink.Window).Select(l => l.Ref).ToHashSet(StringComparer.Ordinal);
        if (windows.Count > 0)
        {
            // Which runs opened a linked window is only in the runs themselves: read the recent ones.
            foreach (var run in await runs.ListAsync(RecentRuns, ct).ConfigureAwait(false))
            {
                if (run.WindowId is { } w && windows.Contains(w))
                {
                    ids[run.Id] = $"plan {run.Plan.Name}";
                }
            }
        }
        var entries = new List<IncidentEntry>();
        foreach (var (id, label) in ids)
        {
            foreach (var e in await runs.EventsAsync(id, 0, ct).ConfigureAwait(false))
            {
                entries.Add(new IncidentEntry(e.At, Name, e.Kind, Actor(e), Text(label, e), "plan_run/" + id));
            }
        }
        return entries;
    }

    /// <summary>The person behind a command (its detail ends "… retried by alice"); the system for everything the run did itself.</summary>
    private static string Actor(RunEvent e)
    {
        var marker = $"{e.Kind} by ";
        var at = e.Kind is "paused" or "resumed" or "retried" or "skipped" or "aborted" ? e.Detail.LastIndexOf(marker, StringComparison.Ordinal) : -1;
        return at >= 0 ? e.Detail[(at + marker.Length)..] : TimelineRenderer.System;
    }

    /// <summary>The link's label is "plan NAME" (set when the run was linked).</summary>
    private static string Text(string label, RunEvent e) =>
        $"{(label.Length > 0 ? label : "plan " + e.RunId)}{(e.Host is { } h ? $" on {h}" : "")}: {e.Kind.Replace('_', ' ')}{(e.Detail.Length > 0 ? $" ({e.Detail})" : "")}";
}
