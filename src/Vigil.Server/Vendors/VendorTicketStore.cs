using System.Data.Common;
using System.Globalization;
using Vigil.Server.Storage;

namespace Vigil.Server.Vendors;

/// <summary>
/// Vendor tickets (<c>vendor_tickets</c>). A state change is a read-modify-write in one transaction (the row locked on
/// PostgreSQL, writes serialized on SQLite); a missed deadline is recorded by a conditional update, so with several nodes
/// only the one whose update changed the row pages.
/// </summary>
public sealed class VendorTicketStore(Database db)
{
    private const string Columns = "id, incident_id, vendor, summary, state, response_within_ms, on_site_within_ms, opened_at, opened_by, " +
        "acknowledged_at, acknowledged_by, engaged_at, engaged_by, resolved_at, resolved_by, response_missed_at, on_site_missed_at";

    public Database Database => db;

    public static async Task<long> InsertAsync(DbConnection conn, DbTransaction tx, VendorTicket t, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, """
            INSERT INTO vendor_tickets (incident_id, vendor, summary, state, response_within_ms, on_site_within_ms, opened_at, opened_by)
            VALUES (@incident, @vendor, @summary, @state, @response, @onSite, @opened, @openedBy) RETURNING id
            """);
        cmd.AddParameter("@incident", t.IncidentId);
        cmd.AddParameter("@vendor", t.Vendor);
        cmd.AddParameter("@summary", t.Summary);
        cmd.AddParameter("@state", VendorRules.Name(t.State));
        cmd.AddParameter("@response", t.ResponseWithin is { } r ? (long)r.TotalMilliseconds : null);
        cmd.AddParameter("@onSite", t.OnSiteWithin is { } o ? (long)o.TotalMilliseconds : null);
        cmd.AddParameter("@opened", UnixMs.From(t.OpenedAt));
        cmd.AddParameter("@openedBy", t.OpenedBy);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Writes the states and missed deadlines of a ticket read (and locked) in the same transaction.</summary>
    public static async Task UpdateAsync(DbConnection conn, DbTransaction tx, VendorTicket t, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, """
            UPDATE vendor_tickets SET state = @state, acknowledged_at = @ackAt, acknowledged_by = @ackBy, engaged_at = @engAt, engaged_by = @engBy,
                resolved_at = @resAt, resolved_by = @resBy, response_missed_at = @rMiss, on_site_missed_at = @oMiss
            WHERE id = @id
            """);
        cmd.AddParameter("@id", t.Id);
        cmd.AddParameter("@state", VendorRules.Name(t.State));
        cmd.AddParameter("@ackAt", UnixMs.From(t.AcknowledgedAt));
        cmd.AddParameter("@ackBy", t.AcknowledgedBy);
        cmd.AddParameter("@engAt", UnixMs.From(t.EngagedAt));
        cmd.AddParameter("@engBy", t.EngagedBy);
        cmd.AddParameter("@resAt", UnixMs.From(t.ResolvedAt));
        cmd.AddParameter("@resBy", t.ResolvedBy);
        cmd.AddParameter("@rMiss", UnixMs.From(t.ResponseMissedAt));
        cmd.AddParameter("@oMiss", UnixMs.From(t.OnSiteMissedAt));
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Records a missed deadline unless it is recorded already; true when this call recorded it.</summary>
    public async Task<bool> TryRecordMissAsync(long id, TicketDeadline deadline, DateTimeOffset at, CancellationToken ct) =>
        await db.WriteAsync(async (conn, tx) =>
        {
            var column = deadline == TicketDeadline.Response ? "response_missed_at" : "on_site_missed_at";
            await using var cmd = conn.Command(tx, $"UPDATE vendor_tickets SET {column} = @at WHERE id = @id AND {column} IS NULL");
            cmd.AddParameter("@id", id);
            cmd.AddParameter("@at", UnixMs.From(at));
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, ct).ConfigureAwait(false);

    public async Task<VendorTicket?> LockAsync(DbConnection conn, DbTransaction tx, long id, CancellationToken ct)
    {
        var lockRow = db.Engine == DatabaseEngine.Postgres ? " FOR UPDATE" : "";
        await using var cmd = conn.Command(tx, $"SELECT {Columns} FROM vendor_tickets WHERE id = @id{lockRow}");
        cmd.AddParameter("@id", id);
        return (await ReadAsync(cmd, ct).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<VendorTicket?> GetAsync(long id, CancellationToken ct) =>
        (await QueryAsync($"SELECT {Columns} FROM vendor_tickets WHERE id = @id", id, ct).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>An incident's tickets, oldest first.</summary>
    public Task<IReadOnlyList<VendorTicket>> OfIncidentAsync(long incidentId, CancellationToken ct) =>
        QueryAsync($"SELECT {Columns} FROM vendor_tickets WHERE incident_id = @id ORDER BY id", incidentId, ct);

    /// <summary>Tickets not resolved: the ones whose deadlines are watched.</summary>
    public Task<IReadOnlyList<VendorTicket>> OpenAsync(CancellationToken ct) =>
        QueryAsync($"SELECT {Columns} FROM vendor_tickets WHERE state <> 'resolved' ORDER BY id", null, ct);

    private async Task<IReadOnlyList<VendorTicket>> QueryAsync(string sql, long? id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, sql);
        if (id is { } v)
        {
            cmd.AddParameter("@id", v);
        }
        return await ReadAsync(cmd, ct).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<VendorTicket>> ReadAsync(DbCommand cmd, CancellationToken ct)
    {
        var list = new List<VendorTicket>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            VendorRules.TryParse(r.GetString(4), out var state);
            list.Add(new VendorTicket(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetInt64(1), r.GetString(2), r.GetString(3), state,
                Span(r.GetNullableInt64(5)), Span(r.GetNullableInt64(6)), UnixMs.ToInstant(r.GetInt64(7)), r.GetString(8),
                At(r.GetNullableInt64(9)), r.GetNullableString(10), At(r.GetNullableInt64(11)), r.GetNullableString(12),
                At(r.GetNullableInt64(13)), r.GetNullableString(14), At(r.GetNullableInt64(15)), At(r.GetNullableInt64(16))));
        }
        return list;
    }

    private static TimeSpan? Span(long? ms) => ms is { } v ? TimeSpan.FromMilliseconds(v) : null;

    private static DateTimeOffset? At(long? ms) => ms is { } v ? UnixMs.ToInstant(v) : null;
}
