using Microsoft.Extensions.Logging;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Incidents;
using Vigil.Server.Notify;
using Vigil.Server.Security;
using Vigil.Server.Storage;

namespace Vigil.Server.Vendors;

/// <summary>
/// Opens vendor tickets (the ticket and its message to the vendor's channel are written in one transaction, then the
/// durable outbox delivers it), moves them through their states, and handles missed deadlines: recorded once (a
/// conditional update), then the incident commander is paged (<see cref="VendorDeadlinePager"/>).
/// </summary>
public sealed partial class VendorTicketService(
    VendorTicketStore store,
    IncidentStore incidents,
    OutboxStore outbox,
    OutboxDeliveryService delivery,
    VendorLinkSigner signer,
    VendorDeadlinePager pager,
    ConfigHolder config,
    ExternalUrl externalUrl,
    TimeProvider clock,
    ILogger<VendorTicketService> logger)
{
    /// <summary>Raised after a ticket opened or changed (its id), so the deadline watcher looks again.</summary>
    public event Action<long>? Changed;

    public async Task<VendorTicket> OpenAsync(long incidentId, string? vendorName, string? summary, Caller caller, CancellationToken ct)
    {
        var vendors = config.Current.Vendors;
        var vendor = vendors.FirstOrDefault(v => v.Name == vendorName) ?? throw IncidentException.BadRequest("vendor", vendorName is null
            ? "required, the name of a vendor in vendors:"
            : $"no vendor \"{vendorName}\" in vendors: (known: {(vendors.Count == 0 ? "none" : string.Join(", ", vendors.Select(v => v.Name)))})");
        var text = IncidentText.Block(summary, "summary", required: true);
        var ackBase = externalUrl.Value.TrimEnd('/');
        var key = await signer.KeyAsync(ct).ConfigureAwait(false);
        var ticket = await store.Database.WriteAsync(async (conn, tx) =>
        {
            var incident = await incidents.LockAsync(conn, tx, incidentId, ct).ConfigureAwait(false) ?? throw IncidentException.NotFound(incidentId);
            if (!incident.IsOpen)
            {
                throw new IncidentException(409, $"incident {incidentId} is resolved; reopen it before opening a vendor ticket");
            }
            var now = clock.GetUtcNow();
            var draft = new VendorTicket(0, incidentId, vendor.Name, text, TicketState.Opened, vendor.ResponseWithin, vendor.OnSiteWithin, now, caller.Identity);
            var t = draft with { Id = await VendorTicketStore.InsertAsync(conn, tx, draft, ct).ConfigureAwait(false) };
            var ackUrl = $"{ackBase}/vendor/tickets/{t.Id}/ack?sig={VendorLinkSigner.Sign(key, t.Id, "ack")}";
            var target = vendor.Channel == Vendor.Email ? "mailto:" + vendor.Address : vendor.Address;
            await outbox.EnqueueAsync(conn, tx, new OutboxMessage("vendors", 0, target, $"vendor-ticket:{t.Id}", VendorMessages.Build(vendor, t, incident, ackUrl),
                now, $"vendor-ticket:{t.Id}:opened", vendor.Channel), ct).ConfigureAwait(false);
            return t;
        }, ct).ConfigureAwait(false);
        delivery.Notify();
        LogOpened(ticket.Id, ticket.Vendor, incidentId);
        Changed?.Invoke(ticket.Id);
        return ticket;
    }

    /// <summary>Moves a ticket to <paramref name="to"/>; deadlines it passed unrecorded are recorded (and paged) first.</summary>
    public async Task<VendorTicket> MoveAsync(long id, TicketState to, string actor, CancellationToken ct)
    {
        var (moved, missed) = await store.Database.WriteAsync(async (conn, tx) =>
        {
            var ticket = await store.LockAsync(conn, tx, id, ct).ConfigureAwait(false) ?? throw new IncidentException(404, $"no vendor ticket {id}");
            if (VendorRules.CheckMove(ticket, to) is { } conflict)
            {
                throw new IncidentException(409, conflict);
            }
            var now = clock.GetUtcNow();
            var missed = VendorRules.Missed(ticket, now);
            var changed = ticket;
            foreach (var d in missed)
            {
                changed = d == TicketDeadline.Response ? changed with { ResponseMissedAt = now } : changed with { OnSiteMissedAt = now };
            }
            changed = VendorRules.Move(changed, to, actor, now);
            await VendorTicketStore.UpdateAsync(conn, tx, changed, ct).ConfigureAwait(false);
            return (changed, missed);
        }, ct).ConfigureAwait(false);
        foreach (var d in missed)
        {
            await PageAsync(moved, d, ct).ConfigureAwait(false);
        }
        LogMoved(id, VendorRules.Name(to), actor);
        Changed?.Invoke(id);
        return moved;
    }

    /// <summary>Records and pages each deadline of <paramref name="ticket"/> missed by now; the watcher calls it.</summary>
    public async Task CheckDeadlinesAsync(VendorTicket ticket, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var d in VendorRules.Missed(ticket, now))
        {
            if (await store.TryRecordMissAsync(ticket.Id, d, now, ct).ConfigureAwait(false))
            {
                var recorded = d == TicketDeadline.Response ? ticket with { ResponseMissedAt = now } : ticket with { OnSiteMissedAt = now };
                await PageAsync(recorded, d, ct).ConfigureAwait(false);
                Changed?.Invoke(ticket.Id);
            }
        }
    }

    /// <summary>Pages about a recorded miss; a failure is logged, not thrown: the miss is recorded (and on the timeline) either way.</summary>
    private async Task PageAsync(VendorTicket ticket, TicketDeadline deadline, CancellationToken ct)
    {
        try
        {
            await pager.PageAsync(ticket, deadline, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            LogPageFailed(e, ticket.Id, VendorRules.Name(deadline));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Vendor ticket {Id} missed its {Deadline} deadline, and paging about it failed")]
    private partial void LogPageFailed(Exception e, long id, string deadline);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vendor ticket {Id} opened with {Vendor} for incident {Incident}")]
    private partial void LogOpened(long id, string vendor, long incident);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vendor ticket {Id} {State} by {Actor}")]
    private partial void LogMoved(long id, string state, string actor);
}
