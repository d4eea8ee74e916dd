using Vigil.Server.Config;
using Vigil.Server.Incidents;
using Vigil.Server.Security;

namespace Vigil.Server.StatusPage;

/// <summary>
/// Posts updates written for customers. The first one makes the incident public (it then appears on the status page);
/// each is also on the incident's timeline (<see cref="PublicUpdateTimelineSource"/>). Its status defaults to the
/// incident's current status.
/// </summary>
public sealed class PublicUpdateService(PublicUpdateStore store, IncidentStore incidents, ConfigHolder config, TimeProvider clock)
{
    /// <summary>Raised after an update is stored (the incident's id), so the status page is rebuilt.</summary>
    public event Action<long>? Changed;

    public async Task<PublicUpdate> PostAsync(long incidentId, string? body, string? status, string[]? components, Caller caller, CancellationToken ct)
    {
        var text = IncidentText.Block(body, "body", required: true);
        var incident = await incidents.GetAsync(incidentId, ct).ConfigureAwait(false) ?? throw IncidentException.NotFound(incidentId);
        string chosen;
        if (status is null)
        {
            chosen = incident.Status.Name();
        }
        else if (IncidentNames.TryParseStatus(status, out var s))
        {
            chosen = s.Name();
        }
        else
        {
            throw IncidentException.BadRequest("status", $"must be {IncidentNames.StatusChoices} (got \"{status}\")");
        }
        var known = config.Current.StatusPage.Components;
        foreach (var c in components ?? [])
        {
            if (known.All(k => k.Name != c))
            {
                throw IncidentException.BadRequest("components", $"no component \"{c}\" in status_page.components (known: {(known.Count == 0 ? "none" : string.Join(", ", known.Select(k => k.Name)))})");
            }
        }
        var update = new PublicUpdate(0, incidentId, clock.GetUtcNow(), caller.Identity, chosen, text, components?.Distinct(StringComparer.Ordinal).ToList() ?? []);
        update = update with { Id = await store.AppendAsync(update, ct).ConfigureAwait(false) };
        Changed?.Invoke(incidentId);
        return update;
    }
}
