using System.Data.Common;
using Vigil.Server.Storage;

namespace Vigil.Server.Plans;

/// <summary>
/// Plans stored through the API (table <c>plan_definitions</c>), kept as the YAML they were sent as, so that a plan
/// always reads back exactly as written. The writes take the caller's transaction, so the audit entry lands with them.
/// </summary>
public sealed class PlanStore(Database db)
{
    private const string Columns = "name, yaml, created_at, created_by";

    public async Task<StoredPlan?> GetAsync(string name, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await GetAsync(conn, null, name, ct).ConfigureAwait(false);
    }

    public async Task<StoredPlan?> GetAsync(DbConnection conn, DbTransaction? tx, string name, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, $"SELECT {Columns} FROM plan_definitions WHERE name = @name");
        cmd.AddParameter("@name", name);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false) ? Read(r) : null;
    }

    /// <summary>Every stored plan, by name.</summary>
    public async Task<IReadOnlyList<StoredPlan>> ListAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM plan_definitions ORDER BY name");
        var plans = new List<StoredPlan>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            plans.Add(Read(r));
        }
        return plans;
    }

    /// <summary>Inserts <paramref name="plan"/>; false (nothing written) when its name is taken.</summary>
    public async Task<bool> InsertAsync(DbConnection conn, DbTransaction tx, StoredPlan plan, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, $"INSERT INTO plan_definitions ({Columns}) VALUES (@name, @yaml, @at, @by) ON CONFLICT (name) DO NOTHING");
        Bind(cmd, plan);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    /// <summary>Inserts <paramref name="plan"/>, or replaces the stored plan of that name.</summary>
    public async Task UpsertAsync(DbConnection conn, DbTransaction tx, StoredPlan plan, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, $"INSERT INTO plan_definitions ({Columns}) VALUES (@name, @yaml, @at, @by) "
            + "ON CONFLICT (name) DO UPDATE SET yaml = excluded.yaml, created_at = excluded.created_at, created_by = excluded.created_by");
        Bind(cmd, plan);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Deletes the stored plan; false when there is none.</summary>
    public async Task<bool> DeleteAsync(DbConnection conn, DbTransaction tx, string name, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, "DELETE FROM plan_definitions WHERE name = @name");
        cmd.AddParameter("@name", name);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    private static void Bind(DbCommand cmd, StoredPlan plan)
    {
        cmd.AddParameter("@name", plan.Name);
        cmd.AddParameter("@yaml", plan.Yaml);
        cmd.AddParameter("@at", UnixMs.From(plan.CreatedAt));
        cmd.AddParameter("@by", plan.CreatedBy);
    }

    private static StoredPlan Read(DbDataReader r) => new(r.GetString(0), r.GetString(1), UnixMs.ToInstant(r.GetInt64(2)), r.GetString(3));
}
