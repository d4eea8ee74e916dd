using System.Data.Common;
using System.Globalization;
using Vigil.Server.Storage;

namespace Vigil.Server.Incidents;

/// <summary>
/// Incidents (<c>incidents</c>), what is linked to them (<c>incident_links</c>) and their recorded timeline
/// (<c>incident_entries</c>, append-only). Changes are read-modify-write in one transaction, the row locked on PostgreSQL
/// and writes serialized on SQLite, so two people updating at once never lose each other's change.
/// </summary>
public sealed class IncidentStore(Database db)
{
    private const string Columns = "id, title, severity, status, summary, root_cause, customer_impact, roles, corrections, opened_at, opened_by, " +
        "resolved_at, updated_at, open_key";

    public Database Database => db;

    private string LockRow => db.Engine == DatabaseEngine.Postgres ? " FOR UPDATE" : "";

    /// <summary>Inserts the incident and returns its id; null when <see cref="Incident.OpenKey"/> is already held by an open one.</summary>
    public static async Task<long?> TryInsertAsync(DbConnection conn, DbTransaction tx, Incident i, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, """
            INSERT INTO incidents (title, severity, status, summary, root_cause, customer_impact, roles, corrections, opened_at, opened_by,
                resolved_at, updated_at, open_key)
            VALUES (@title, @severity, @status, @summary, @rootCause, @impact, @roles, @corrections, @opened, @openedBy, @resolved, @updated, @openKey)
            ON CONFLICT (open_key) DO NOTHING RETURNING id
            """);
        Bind(cmd, i);
        cmd.AddParameter("@opened", UnixMs.From(i.OpenedAt));
        cmd.AddParameter("@openedBy", i.OpenedBy);
        var id = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return id is null or DBNull ? null : Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    /// <summary>Writes what an update may change of an incident read (and locked) in the same transaction.</summary>
    public static async Task UpdateAsync(DbConnection conn, DbTransaction tx, Incident i, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, """
            UPDATE incidents SET title = @title, severity = @severity, status = @status, summary = @summary, root_cause = @rootCause,
                customer_impact = @impact, roles = @roles, corrections = @corrections, resolved_at = @resolved, updated_at = @updated,
                open_key = @openKey
            WHERE id = @id
            """);
        Bind(cmd, i);
        cmd.AddParameter("@id", i.Id);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public static async Task<long> AppendEntryAsync(DbConnection conn, DbTransaction tx, long incidentId, IncidentEntry e, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx,
            "INSERT INTO incident_entries (incident_id, at, source, kind, actor, text, link) VALUES (@id, @at, @source, @kind, @actor, @text, @link) RETURNING id");
        cmd.AddParameter("@id", incidentId);
        cmd.AddParameter("@at", UnixMs.From(e.At));
        cmd.AddParameter("@source", e.Source);
        cmd.AddParameter("@kind", e.Kind);
        cmd.AddParameter("@actor", e.Actor);
        cmd.AddParameter("@text", e.Text);
        cmd.AddParameter("@link", e.Link);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Links an object; false when it was linked already (the first link is kept).</summary>
    public static async Task<bool> TryLinkAsync(DbConnection conn, DbTransaction tx, long incidentId, IncidentLink l, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, """
            INSERT INTO incident_links (incident_id, kind, ref, label, labels, customer, started_at, ended_at, linked_at)
            VALUES (@id, @kind, @ref, @label, @labels, @customer, @started, @ended, @linked) ON CONFLICT (incident_id, kind, ref) DO NOTHING
            """);
        cmd.AddParameter("@id", incidentId);
        cmd.AddParameter("@kind", l.Kind);
        cmd.AddParameter("@ref", l.Ref);
        cmd.AddParameter("@label", l.Label);
        cmd.AddParameter("@labels", System.Text.Json.JsonSerializer.Serialize(l.Labels.ToDictionary()));
        cmd.AddParameter("@customer", l.Customer ? 1L : 0L);
        cmd.AddParameter("@started", UnixMs.From(l.StartedAt));
        cmd.AddParameter("@ended", UnixMs.From(l.EndedAt));
        cmd.AddParameter("@linked", UnixMs.From(l.LinkedAt));
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Records a linked alert's latest end (in the future while it fires) on the open incidents it is linked to; resolved
    /// incidents keep what they knew, so an alert firing again weeks later never rewrites an old postmortem.
    /// </summary>
    public async Task UpdateAlertEndAsync(string fingerprint, DateTimeOffset endsAt, CancellationToken ct) =>
        await db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, """
                UPDATE incident_links SET ended_at = @ended
                WHERE kind = 'alert' AND ref = @ref AND (ended_at IS NULL OR ended_at <> @ended)
                  AND incident_id IN (SELECT id FROM incidents WHERE status <> 'resolved')
                """);
            cmd.AddParameter("@ref", fingerprint);
            cmd.AddParameter("@ended", UnixMs.From(endsAt));
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);

    /// <summary>The fingerprints of alerts linked to open incidents: what the alert watcher follows after a restart.</summary>
    public async Task<IReadOnlyList<string>> OpenAlertRefsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, """
            SELECT DISTINCT l.ref FROM incident_links l JOIN incidents i ON i.id = l.incident_id WHERE l.kind = 'alert' AND i.status <> 'resolved'
            """);
        var refs = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            refs.Add(r.GetString(0));
        }
        return refs;
    }

    public async Task<Incident?> LockAsync(DbConnection conn, DbTransaction tx, long id, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, $"SELECT {Columns} FROM incidents WHERE id = @id{LockRow}");
        cmd.AddParameter("@id", id);
        return (await ReadAsync(cmd, ct).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<Incident?> GetAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM incidents WHERE id = @id");
        cmd.AddParameter("@id", id);
        return (await ReadAsync(cmd, ct).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <summary>The open incident holding <paramref name="openKey"/>, if any.</summary>
    public async Task<Incident?> FindOpenAsync(string openKey, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM incidents WHERE open_key = @key");
        cmd.AddParameter("@key", openKey);
        return (await ReadAsync(cmd, ct).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<Incident>> ListAsync(IncidentFilter filter, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "");
        var where = new List<string>();
        if (filter.Status is { } status)
        {
            where.Add("status = @status");
            cmd.AddParameter("@status", status.Name());
        }
        if (filter.Severity is { } severity)
        {
            where.Add("severity = @severity");
            cmd.AddParameter("@severity", severity.Name());
        }
        if (filter.Open is { } open)
        {
            where.Add(open ? "status <> 'resolved'" : "status = 'resolved'");
        }
        if (filter.From is { } from)
        {
            where.Add("opened_at >= @from");
            cmd.AddParameter("@from", UnixMs.From(from));
        }
        if (filter.To is { } to)
        {
            where.Add("opened_at < @to");
            cmd.AddParameter("@to", UnixMs.From(to));
        }
        cmd.AddParameter("@limit", (long)filter.Limit);
        cmd.CommandText = $"SELECT {Columns} FROM incidents" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
            " ORDER BY opened_at DESC, id DESC LIMIT @limit";
        return await ReadAsync(cmd, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<IncidentLink>> LinksAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null,
            "SELECT kind, ref, label, customer, started_at, ended_at, linked_at, labels FROM incident_links WHERE incident_id = @id ORDER BY linked_at, kind, ref");
        cmd.AddParameter("@id", id);
        var links = new List<IncidentLink>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            var labels = Labels.LabelSet.From(System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(7)) ?? []);
            links.Add(new IncidentLink(r.GetString(0), r.GetString(1), r.GetString(2), labels, r.GetInt64(3) != 0,
                Instant(r.GetNullableInt64(4)), Instant(r.GetNullableInt64(5)), UnixMs.ToInstant(r.GetInt64(6))));
        }
        return links;
    }

    public async Task<IReadOnlyList<IncidentEntry>> EntriesAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "SELECT id, at, source, kind, actor, text, link FROM incident_entries WHERE incident_id = @id ORDER BY id");
        cmd.AddParameter("@id", id);
        var entries = new List<IncidentEntry>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            entries.Add(new IncidentEntry(UnixMs.ToInstant(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetNullableString(6))
            {
                Id = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture),
            });
        }
        return entries;
    }

    private static DateTimeOffset? Instant(long? ms) => ms is { } v ? UnixMs.ToInstant(v) : null;

    private static void Bind(DbCommand cmd, Incident i)
    {
        cmd.AddParameter("@title", i.Title);
        cmd.AddParameter("@severity", i.Severity.Name());
        cmd.AddParameter("@status", i.Status.Name());
        cmd.AddParameter("@summary", i.Summary);
        cmd.AddParameter("@rootCause", i.RootCause);
        cmd.AddParameter("@impact", i.CustomerImpact);
        cmd.AddParameter("@roles", IncidentCodec.Roles(i.Roles));
        cmd.AddParameter("@corrections", IncidentCodec.Corrections(i.Corrections));
        cmd.AddParameter("@resolved", UnixMs.From(i.ResolvedAt));
        cmd.AddParameter("@updated", UnixMs.From(i.UpdatedAt));
        cmd.AddParameter("@openKey", i.OpenKey);
    }

    private static async Task<IReadOnlyList<Incident>> ReadAsync(DbCommand cmd, CancellationToken ct)
    {
        var list = new List<Incident>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            IncidentNames.TryParseSeverity(r.GetString(2), out var severity);
            IncidentNames.TryParseStatus(r.GetString(3), out var status);
            list.Add(new Incident(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1), severity, status, r.GetString(4),
                r.GetString(5), r.GetString(6), IncidentCodec.Roles(r.GetString(7)), IncidentCodec.Corrections(r.GetString(8)),
                UnixMs.ToInstant(r.GetInt64(9)), r.GetString(10), Instant(r.GetNullableInt64(11)), UnixMs.ToInstant(r.GetInt64(12)), r.GetNullableString(13)));
        }
        return list;
    }
}
