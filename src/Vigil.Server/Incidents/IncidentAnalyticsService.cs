namespace Vigil.Server.Incidents;

/// <summary>Gathers each incident's times and impact for <see cref="IncidentAnalytics"/>.</summary>
public sealed class IncidentAnalyticsService(IncidentStore store, IncidentLinker linker, IncidentImpact impact, Vendors.VendorTicketStore tickets)
{
    /// <summary>The most incidents one report reads; a wider range is answered over the newest this many.</summary>
    public const int MaxIncidents = 10_000;

    /// <summary>The report over incidents opened in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IncidentAnalyticsReport> ReportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var facts = new List<IncidentAnalytics.Facts>();
        var missed = 0;
        foreach (var incident in await store.ListAsync(new IncidentFilter(null, null, null, from, to, MaxIncidents), ct).ConfigureAwait(false))
        {
            var links = linker.Refresh(await store.LinksAsync(incident.Id, ct).ConfigureAwait(false));
            var pages = await linker.PagesAsync(links, ct).ConfigureAwait(false);
            facts.Add(new IncidentAnalytics.Facts(incident, IncidentTimeRules.Derive(incident, links, pages), impact.Of(incident, links).CustomerMinutes));
            foreach (var t in await tickets.OfIncidentAsync(incident.Id, ct).ConfigureAwait(false))
            {
                missed += Missed(t, Vendors.TicketDeadline.Response) + Missed(t, Vendors.TicketDeadline.OnSite);
            }
        }
        return IncidentAnalytics.Compute(facts, from, to, missed);
    }

    /// <summary>1 when the ticket's deadline passed without its state: noticed by the watcher, or the state reached late.</summary>
    private static int Missed(Vendors.VendorTicket t, Vendors.TicketDeadline deadline) =>
        (deadline == Vendors.TicketDeadline.Response ? t.ResponseMissedAt : t.OnSiteMissedAt) is not null
            || Vendors.VendorRules.Lateness(t, deadline) > TimeSpan.Zero ? 1 : 0;
}
