namespace Vigil.Server.Incidents;

/// <summary>The incident's own entries: opening, notes, roles, status updates, corrections, links, resolution.</summary>
internal sealed class RecordedTimelineSource(IncidentStore store) : ITimelineSource
{
    public string Name => "incident";

    public Task<IReadOnlyList<IncidentEntry>> EntriesAsync(TimelineScope scope, CancellationToken ct) => store.EntriesAsync(scope.Incident.Id, ct);
}
