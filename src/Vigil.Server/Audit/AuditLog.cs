using System.Data.Common;
using System.Globalization;
using Vigil.Server.Security;
using Vigil.Server.Storage;

namespace Vigil.Server.Audit;

/// <summary>
/// The append-only audit log (table <c>audit_log</c>). Append inside the transaction that makes the
/// change, so a change and its record land together or not at all.
/// </summary>
public sealed class AuditLog(Database db, TimeProvider clock)
{
    private const string Columns = "id, at, actor, client_address, action, object_type, object_id, before_json, after_json";

    /// <summary>Appends a record of <paramref name="action"/> on an object, inside the caller's transaction.</summary>
    public async Task AppendAsync(DbConnection connection, DbTransaction transaction, Caller caller, string action,
        string objectType, string objectId, string? before, string? after, CancellationToken ct = default)
    {
        await using var cmd = connection.Command(transaction,
            "INSERT INTO audit_log (at, actor, client_address, action, object_type, object_id, before_json, after_json) " +
            "VALUES (@at, @actor, @client, @action, @type, @id, @before, @after)");
        cmd.AddParameter("@at", UnixMs.From(clock.GetUtcNow()));
        cmd.AddParameter("@actor", caller.Identity);
        cmd.AddParameter("@client", caller.ClientAddress);
        cmd.AddParameter("@action", action);
        cmd.AddParameter("@type", objectType);
        cmd.AddParameter("@id", objectId);
        cmd.AddParameter("@before", before);
        cmd.AddParameter("@after", after);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Appends records on several objects of one type, in their order, inside the caller's transaction
    /// (<see cref="RowInserts"/>): e.g. a plan step's requests to its batch's agents, and their deliveries.
    /// </summary>
    public Task AppendManyAsync(DbConnection connection, DbTransaction transaction, string objectType, IReadOnlyList<AuditObject> objects,
        CancellationToken ct = default)
    {
        var at = UnixMs.From(clock.GetUtcNow());
        return RowInserts.RunAsync(connection, transaction,
            "INSERT INTO audit_log (at, actor, client_address, action, object_type, object_id, before_json, after_json) VALUES",
            "({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})", "", objects,
            (row, o) => row.Add(at).Add(o.Caller.Identity).Add(o.Caller.ClientAddress).Add(o.Action).Add(objectType).Add(o.Id).Add(o.Before).Add(o.After), ct);
    }

    /// <summary>Newest first; optionally only one object type and/or object.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? objectType, string? objectId, int limit, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        var where = new List<string>();
        await using var cmd = conn.Command(null, "");
        if (objectType is not null)
        {
            where.Add("object_type = @type");
            cmd.AddParameter("@type", objectType);
        }
        if (objectId is not null)
        {
            where.Add("object_id = @id");
            cmd.AddParameter("@id", objectId);
        }
        cmd.AddParameter("@limit", (long)limit);
        cmd.CommandText = $"SELECT {Columns} FROM audit_log" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY id DESC LIMIT @limit";
        var entries = new List<AuditEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                UnixMs.ToInstant(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return entries;
    }
}
