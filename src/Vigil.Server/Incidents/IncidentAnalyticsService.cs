namespace Vigil.Server.Incidents;

/// <summary>Gathers each incident's times and impact for <see cref="IncidentAnalytics"/>.</summary>
public sealed class IncidentAnalyticsService(IncidentStore store, IncidentLinker linker, IncidentImpact impact)
{
    /// <summary>The most incidents one report reads; a wider range is answered over the newest this many.</summary>
    public const int MaxIncidents = 10_000;

    /// <summary>The report over incidents opened in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IncidentAnalyticsReport> ReportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var facts = new List<IncidentAnalytics.Facts>();
        foreach (var incident in await store.ListAsync(new IncidentFilter(null, null, null, from, to, MaxIncidents), ct).ConfigureAwait(false))
        {
            var links = linker.Refresh(await store.LinksAsync(incident.Id, ct).ConfigureAwait(false));
            var pages = await linker.PagesAsync(links, ct).ConfigureAwait(false);
            facts.Add(new IncidentAnalytics.Facts(incident, IncidentTimeRules.Derive(incident, links, pages), impact.Of(incident, links).CustomerMinutes));
        }
        // Vendor deadlines missed: 0 until vendor tickets (issue 10 item 4) record their deadlines; they fill this in.
        return IncidentAnalytics.Compute(facts, from, to, vendorDeadlinesMissed: 0);
    }
}
