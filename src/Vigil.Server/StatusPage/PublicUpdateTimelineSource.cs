using Vigil.Server.Incidents;

namespace Vigil.Server.StatusPage;

/// <summary>The incident's public updates, as customers read them on the status page.</summary>
internal sealed class PublicUpdateTimelineSource(PublicUpdateStore store) : ITimelineSource
{
    public string Name => "status";

    public async Task<IReadOnlyList<IncidentEntry>> EntriesAsync(TimelineScope scope, CancellationToken ct) =>
        [.. (await store.OfIncidentAsync(scope.Incident.Id, ct).ConfigureAwait(false)).Select(u =>
            new IncidentEntry(u.At, Name, "public_update", u.Actor, $"public update ({u.Status}): {u.Body}" +
                (u.Components.Count > 0 ? $" [{string.Join(", ", u.Components)}]" : ""), $"status/{StatusJson.IncidentId(u.IncidentId)}"))];
}
