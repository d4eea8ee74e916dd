using System.Globalization;
using System.Text.Json;
using NodaTime.Text;
using Vigil.Server.Audit;
using Vigil.Server.Security;

namespace Vigil.Server.Incidents.ActionItems;

/// <summary>
/// Adds action items to an incident and marks them done. Each change is one transaction with its audit record and an
/// entry on the incident's timeline, so the review's decisions are part of the record the postmortem is written from.
/// </summary>
public sealed class ActionItemService(ActionItemStore store, IncidentStore incidents, AuditLog audit, TimeProvider clock)
{
    public const int MaxLimit = 1000;

    public sealed record AddBody(long? Incident, string? Text, string? Owner, string? Due);

    public Task<ActionItem?> GetAsync(long id, CancellationToken ct) => store.GetAsync(id, ct);

    public Task<IReadOnlyList<ActionItem>> ListAsync(long? incidentId, bool? done, int limit, CancellationToken ct) =>
        store.ListAsync(incidentId, done, limit, ct);

    public async Task<ActionItem> AddAsync(AddBody body, Caller caller, CancellationToken ct)
    {
        var incidentId = body.Incident is > 0 ? body.Incident.Value : throw IncidentException.BadRequest("incident", "required, the id of an incident");
        var text = IncidentText.Line(body.Text, "text", required: true);
        var owner = IncidentText.Line(body.Owner, "owner", required: true);
        NodaTime.LocalDate? due = null;
        if (!string.IsNullOrWhiteSpace(body.Due))
        {
            var parsed = LocalDatePattern.Iso.Parse(body.Due.Trim());
            due = parsed.Success ? parsed.Value : throw IncidentException.BadRequest("due", $"must be a date such as 2026-12-15 (got \"{body.Due}\")");
        }
        return await store.Database.WriteAsync(async (conn, tx) =>
        {
            _ = await incidents.LockAsync(conn, tx, incidentId, ct).ConfigureAwait(false) ?? throw IncidentException.NotFound(incidentId);
            var now = clock.GetUtcNow();
            var item = new ActionItem(0, incidentId, text, owner, due, false, caller.Identity, now, null, null);
            item = item with { Id = await ActionItemStore.InsertAsync(conn, tx, item, ct).ConfigureAwait(false) };
            await IncidentStore.AppendEntryAsync(conn, tx, incidentId,
                new IncidentEntry(now, "incident", "action_item", caller.Identity, $"action item {item.Id}: {text} (owner {owner}{(due is { } d ? ", due " + LocalDatePattern.Iso.Format(d) : "")})", Link(item.Id)), ct).ConfigureAwait(false);
            await audit.AppendAsync(conn, tx, caller, "action_item.add", "action_item", Id(item.Id), null, Json(item), ct).ConfigureAwait(false);
            return item;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Marks the item done (done again is a no-op that returns it as it is); null when there is no such item.</summary>
    public async Task<ActionItem?> DoneAsync(long id, Caller caller, CancellationToken ct) =>
        await store.Database.WriteAsync(async (conn, tx) =>
        {
            if (await ActionItemStore.GetAsync(conn, tx, id, ct).ConfigureAwait(false) is not { } item)
            {
                return null;
            }
            var now = clock.GetUtcNow();
            if (!await ActionItemStore.MarkDoneAsync(conn, tx, id, caller.Identity, now, ct).ConfigureAwait(false))
            {
                return item;
            }
            var done = item with { Done = true, DoneBy = caller.Identity, DoneAt = now };
            await IncidentStore.AppendEntryAsync(conn, tx, item.IncidentId,
                new IncidentEntry(now, "incident", "action_item_done", caller.Identity, $"action item {id} done: {item.Text}", Link(id)), ct).ConfigureAwait(false);
            await audit.AppendAsync(conn, tx, caller, "action_item.done", "action_item", Id(id), Json(item), Json(done), ct).ConfigureAwait(false);
            return done;
        }, ct).ConfigureAwait(false);

    private static string Link(long id) => "action_item/" + Id(id);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Json(ActionItem a) => JsonSerializer.Serialize(new { a.IncidentId, a.Text, a.Owner, due = a.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), state = a.State });
}
