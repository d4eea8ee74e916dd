using Vigil.Server.Config;

namespace Vigil.Server.Incidents;

/// <summary>
/// Measures an incident's customer impact (<see cref="ImpactSeries"/>) from what is recorded: its linked customer alerts'
/// firing intervals (the ends kept on the links survive the alerts leaving memory) and the probes labelled with
/// <c>silences.customer_label</c> in the configuration. From impact start (derived or corrected), else opening, to
/// resolution, else now.
/// </summary>
public sealed class IncidentImpact(IncidentStore store, IncidentLinker linker, ConfigHolder config, TimeProvider clock)
{
    /// <summary>The impact of incident <paramref name="id"/>; null when there is no such incident.</summary>
    public async Task<ImpactReport?> ForAsync(long id, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct).ConfigureAwait(false) is not { } incident)
        {
            return null;
        }
        return Of(incident, linker.Refresh(await store.LinksAsync(id, ct).ConfigureAwait(false)));
    }

    public ImpactReport Of(Incident incident, IReadOnlyList<IncidentLink> links)
    {
        var times = IncidentTimeRules.Derive(incident, links, []);
        var from = times.TryGetValue(TimeField.ImpactStarted, out var started) ? started.At : incident.OpenedAt;
        var to = incident.ResolvedAt ?? clock.GetUtcNow();
        var current = config.Current;
        var probes = current.Probes.Where(p => current.Silences.CustomerLabel.IsOn(p.Labels)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return ImpactSeries.Compute(ImpactSeries.Checks(links, probes), from, to < from ? from : to);
    }
}
