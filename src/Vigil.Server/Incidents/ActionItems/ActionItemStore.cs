using System.Data.Common;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Vigil.Server.Storage;

namespace Vigil.Server.Incidents.ActionItems;

/// <summary>Action items (<c>action_items</c>); due dates are stored as ISO calendar dates.</summary>
public sealed class ActionItemStore(Database db)
{
    private const string Columns = "id, incident_id, text, owner, due_date, done, created_by, created_at, done_by, done_at";

    public Database Database => db;

    public static async Task<long> InsertAsync(DbConnection conn, DbTransaction tx, ActionItem a, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, """
            INSERT INTO action_items (incident_id, text, owner, due_date, done, created_by, created_at, done_by, done_at)
            VALUES (@incident, @text, @owner, @due, 0, @by, @at, NULL, NULL) RETURNING id
            """);
        cmd.AddParameter("@incident", a.IncidentId);
        cmd.AddParameter("@text", a.Text);
        cmd.AddParameter("@owner", a.Owner);
        cmd.AddParameter("@due", a.Due is { } d ? LocalDatePattern.Iso.Format(d) : null);
        cmd.AddParameter("@by", a.CreatedBy);
        cmd.AddParameter("@at", UnixMs.From(a.CreatedAt));
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Marks the item done; false when it was done already.</summary>
    public static async Task<bool> MarkDoneAsync(DbConnection conn, DbTransaction tx, long id, string by, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, "UPDATE action_items SET done = 1, done_by = @by, done_at = @at WHERE id = @id AND done = 0");
        cmd.AddParameter("@id", id);
        cmd.AddParameter("@by", by);
        cmd.AddParameter("@at", UnixMs.From(at));
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    public static async Task<ActionItem?> GetAsync(DbConnection conn, DbTransaction? tx, long id, CancellationToken ct) =>
        (await ReadAsync(conn, tx, $"SELECT {Columns} FROM action_items WHERE id = @id", ("@id", id), ct).ConfigureAwait(false)).FirstOrDefault();

    public async Task<ActionItem?> GetAsync(long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await GetAsync(conn, null, id, ct).ConfigureAwait(false);
    }

    /// <summary>Items oldest first; only one incident's, and only open or done ones, when asked.</summary>
    public async Task<IReadOnlyList<ActionItem>> ListAsync(long? incidentId, bool? done, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        var where = new List<string>();
        if (incidentId is not null)
        {
            where.Add("incident_id = @incident");
        }
        if (done is not null)
        {
            where.Add(done.Value ? "done = 1" : "done = 0");
        }
        var sql = $"SELECT {Columns} FROM action_items{(where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")} ORDER BY id LIMIT {limit}";
        return await ReadAsync(conn, null, sql, ("@incident", incidentId ?? 0L), ct).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ActionItem>> ReadAsync(DbConnection conn, DbTransaction? tx, string sql, (string Name, long Value) parameter, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, sql);
        if (sql.Contains(parameter.Name, StringComparison.Ordinal))
        {
            cmd.AddParameter(parameter.Name, parameter.Value);
        }
        var list = new List<ActionItem>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new ActionItem(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3),
                r.GetNullableString(4) is { } due ? LocalDatePattern.Iso.Parse(due).Value : null,
                r.GetInt64(5) == 1, r.GetString(6), UnixMs.ToInstant(r.GetInt64(7)), r.GetNullableString(8),
                r.GetNullableInt64(9) is { } at ? UnixMs.ToInstant(at) : null));
        }
        return list;
    }
}
