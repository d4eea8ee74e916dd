namespace Vigil.Server.Incidents;

/// <summary>Linked alerts firing and resolving, with their labels.</summary>
internal sealed class AlertTimelineSource : ITimelineSource
{
    public string Name => "alert";

    public Task<IReadOnlyList<IncidentEntry>> EntriesAsync(TimelineScope scope, CancellationToken ct) =>
        Task.FromResult(Entries(scope));

    public static IReadOnlyList<IncidentEntry> Entries(TimelineScope scope)
    {
        var entries = new List<IncidentEntry>();
        foreach (var a in scope.OfKind(IncidentLink.Alert))
        {
            var link = "alert/" + a.Ref;
            if (a.StartedAt is { } started)
            {
                entries.Add(new IncidentEntry(started, "alert", "firing", TimelineRenderer.System, $"alert {a.Label} firing {a.Labels}", link));
            }
            if (a.EndedAt is { } ended)
            {
                entries.Add(new IncidentEntry(ended, "alert", "resolved", TimelineRenderer.System, $"alert {a.Label} resolved", link));
            }
        }
        return entries;
    }
}
