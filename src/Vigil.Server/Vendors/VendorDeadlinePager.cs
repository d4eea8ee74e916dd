using Microsoft.Extensions.Logging;
using Vigil.Server.Config;
using Vigil.Server.Escalation;
using Vigil.Server.Incidents;
using Vigil.Server.Storage;

namespace Vigil.Server.Vendors;

/// <summary>
/// Pages about a missed vendor deadline through the escalation engine: the incident's commander (a one-level policy of that
/// person, as a halted plan pages its watcher), else the escalation policy of the root route's receiver (its first
/// <c>vigil_configs</c> entry). With neither, nobody is paged: the miss is on the timeline and in the log. A page opened is
/// linked to the incident, so its notifications and acknowledgement appear on the timeline too.
/// </summary>
public sealed partial class VendorDeadlinePager(PageService pages, IncidentStore incidents, ConfigHolder config, TimeProvider clock, ILogger<VendorDeadlinePager> logger)
{
    public async Task<long?> PageAsync(VendorTicket ticket, TicketDeadline deadline, CancellationToken ct)
    {
        var incident = await incidents.GetAsync(ticket.IncidentId, ct).ConfigureAwait(false);
        var policy = PolicyFor(incident);
        if (policy is null)
        {
            LogNotPaged(ticket.Id, VendorRules.Name(deadline));
            return null;
        }
        var promise = deadline == TicketDeadline.Response ? $"acknowledge within {PromDuration.Format(ticket.ResponseWithin ?? TimeSpan.Zero)}"
            : $"be engaged within {PromDuration.Format(ticket.OnSiteWithin ?? TimeSpan.Zero)}";
        var title = $"Vendor {ticket.Vendor} missed its promise to {promise} (ticket #{ticket.Id}, incident #{ticket.IncidentId})";
        var details = $"incident: #{ticket.IncidentId} {incident?.Title}\nticket: #{ticket.Id} {ticket.Summary}\nopened: {IncidentText.Quote(ticket.OpenedAt)} by {ticket.OpenedBy}\n" +
            $"state: {VendorRules.Name(ticket.State)}\nthen: vigil vendor ack|engaged|resolve {ticket.Id}";
        var key = $"vendor-ticket:{ticket.Id}:{VendorRules.Name(deadline)}";
        var request = new PageRequest(key, key, "vendors", policy.Name, "", null, title, details);
        var id = await pages.OpenAsync(request, policy, ct).ConfigureAwait(false);
        if (id is { } pageId)
        {
            await incidents.Database.WriteAsync(async (conn, tx) => await IncidentStore.TryLinkAsync(conn, tx, ticket.IncidentId,
                new IncidentLink(IncidentLink.Page, pageId.ToString(System.Globalization.CultureInfo.InvariantCulture), title, Labels.LabelSet.Empty, false, null, null,
                    clock.GetUtcNow()), ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
        LogPaged(ticket.Id, VendorRules.Name(deadline), policy.Name, id ?? 0);
        return id;
    }

    private EscalationPolicy? PolicyFor(Incident? incident)
    {
        var current = config.Current;
        if (incident?.Commander is { } commander)
        {
            return new EscalationPolicy($"incident-commander:{commander}",
                [new EscalationLevel([new EscalationTarget(TargetKind.Person, commander)], TimeSpan.FromMinutes(5), false)], 0, null);
        }
        return current.Route.Receiver is { } name && current.FindReceiver(name) is { VigilConfigs: [var first, ..] }
            && current.EscalationPolicies.TryGetValue(first.Policy, out var policy) ? policy : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vendor ticket {Id} missed its {Deadline} deadline; nobody to page (no commander, and the root route's receiver has no vigil_configs)")]
    private partial void LogNotPaged(long id, string deadline);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vendor ticket {Id} missed its {Deadline} deadline; paged through {Policy} (page {Page})")]
    private partial void LogPaged(long id, string deadline, string policy, long page);
}
