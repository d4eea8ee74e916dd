using System.Data.Common;
using Vigil.Server.Storage;

namespace Vigil.Server.Cluster;

/// <summary>
/// The <c>nodes</c> and <c>leases</c> tables. A lease is taken or renewed by one conditional upsert: the row is written
/// only when it is free (expired) or already this node's, so two nodes can never both hold it — the database is the
/// only coordinator.
/// </summary>
public sealed class ClusterStore(Database db)
{
    private const string NodeColumns = "name, instance, address, version, config_hash, started_at, heartbeat_at, folded_seq";
    private const string LeaseColumns = "kind, lease_key, owner, owner_instance, acquired_at, expires_at";

    /// <summary>
    /// Writes this node's heartbeat, forgets nodes silent since <paramref name="forgetBefore"/>, and returns every row
    /// with the one that held this name before (another instance, when the name was reused).
    /// </summary>
    public Task<(IReadOnlyList<NodeRow> Nodes, NodeRow? Previous)> BeatAsync(NodeRow me, DateTimeOffset forgetBefore, CancellationToken ct) =>
        db.WriteAsync<(IReadOnlyList<NodeRow>, NodeRow?)>(async (conn, tx) =>
        {
            var before = await ReadNodesAsync(conn, tx, ct);
            var previous = before.FirstOrDefault(n => n.Name == me.Name && n.Instance != me.Instance);
            await using (var upsert = conn.Command(tx, $"""
                INSERT INTO nodes ({NodeColumns}) VALUES (@name, @instance, @address, @version, @hash, @started, @beat, @folded)
                ON CONFLICT (name) DO UPDATE SET instance = excluded.instance, address = excluded.address,
                    version = excluded.version, config_hash = excluded.config_hash, started_at = excluded.started_at,
                    heartbeat_at = excluded.heartbeat_at, folded_seq = excluded.folded_seq
                """))
            {
                upsert.AddParameter("@name", me.Name);
                upsert.AddParameter("@instance", me.Instance);
                upsert.AddParameter("@address", me.Address);
                upsert.AddParameter("@version", me.Version);
                upsert.AddParameter("@hash", me.ConfigHash);
                upsert.AddParameter("@started", UnixMs.From(me.StartedAt));
                upsert.AddParameter("@beat", UnixMs.From(me.HeartbeatAt));
                upsert.AddParameter("@folded", me.FoldedSeq);
                await upsert.ExecuteNonQueryAsync(ct);
            }
            await using (var forget = conn.Command(tx, "DELETE FROM nodes WHERE heartbeat_at < @before"))
            {
                forget.AddParameter("@before", UnixMs.From(forgetBefore));
                await forget.ExecuteNonQueryAsync(ct);
            }
            var after = before.Where(n => n.Name != me.Name && n.HeartbeatAt >= forgetBefore).Append(me).ToList();
            return (after, previous);
        }, ct);

    /// <summary>A node stopping on purpose: its row and its leases go at once, so the others take its work without waiting.</summary>
    public Task LeaveAsync(string name, string instance, CancellationToken ct) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using var leases = conn.Command(tx, "DELETE FROM leases WHERE owner = @name AND owner_instance = @instance");
            leases.AddParameter("@name", name);
            leases.AddParameter("@instance", instance);
            await leases.ExecuteNonQueryAsync(ct);
            await using var node = conn.Command(tx, "DELETE FROM nodes WHERE name = @name AND instance = @instance");
            node.AddParameter("@name", name);
            node.AddParameter("@instance", instance);
            await node.ExecuteNonQueryAsync(ct);
        }, ct);

    public async Task<IReadOnlyList<LeaseRow>> ReadLeasesAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = conn.Command(null, $"SELECT {LeaseColumns} FROM leases ORDER BY kind, lease_key");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<LeaseRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new LeaseRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                UnixMs.ToInstant(reader.GetInt64(4)), UnixMs.ToInstant(reader.GetInt64(5))));
        }
        return rows;
    }

    /// <summary>
    /// Takes or renews the leases <paramref name="keys"/> until <paramref name="until"/> where each is free at
    /// <paramref name="now"/> or already held by this instance, and gives up <paramref name="release"/>. Returns the keys
    /// held afterwards among <paramref name="keys"/>.
    /// </summary>
    public Task<IReadOnlySet<(string Kind, string Key)>> TakeAsync(string owner, string instance,
        IReadOnlyCollection<(string Kind, string Key)> keys, IReadOnlyCollection<(string Kind, string Key)> release,
        DateTimeOffset now, DateTimeOffset until, CancellationToken ct) =>
        db.WriteAsync<IReadOnlySet<(string, string)>>(async (conn, tx) =>
        {
            var held = new HashSet<(string, string)>();
            foreach (var (kind, key) in keys)
            {
                await using var take = conn.Command(tx, $"""
                    INSERT INTO leases ({LeaseColumns}) VALUES (@kind, @key, @owner, @instance, @now, @until)
                    ON CONFLICT (kind, lease_key) DO UPDATE SET owner = excluded.owner, owner_instance = excluded.owner_instance,
                        acquired_at = CASE WHEN leases.owner_instance = excluded.owner_instance AND leases.owner = excluded.owner
                            THEN leases.acquired_at ELSE excluded.acquired_at END,
                        expires_at = excluded.expires_at
                    WHERE (leases.owner = excluded.owner AND leases.owner_instance = excluded.owner_instance)
                        OR leases.expires_at <= @now
                    """);
                take.AddParameter("@kind", kind);
                take.AddParameter("@key", key);
                take.AddParameter("@owner", owner);
                take.AddParameter("@instance", instance);
                take.AddParameter("@now", UnixMs.From(now));
                take.AddParameter("@until", UnixMs.From(until));
                if (await take.ExecuteNonQueryAsync(ct) == 1)
                {
                    held.Add((kind, key));
                }
            }
            foreach (var (kind, key) in release)
            {
                await using var drop = conn.Command(tx,
                    "DELETE FROM leases WHERE kind = @kind AND lease_key = @key AND owner = @owner AND owner_instance = @instance");
                drop.AddParameter("@kind", kind);
                drop.AddParameter("@key", key);
                drop.AddParameter("@owner", owner);
                drop.AddParameter("@instance", instance);
                await drop.ExecuteNonQueryAsync(ct);
            }
            return held;
        }, ct);

    /// <summary>
    /// Inside a write transaction: whether <paramref name="owner"/>/<paramref name="instance"/> still holds the lease
    /// row, which stays share-locked until the transaction ends, so no other node takes the lease before what the
    /// transaction records is committed (a fence: the taker's upsert waits, then reads what was written).
    /// </summary>
    public static async Task<bool> StillHeldAsync(DbConnection conn, DbTransaction tx, string kind, string key, string owner,
        string instance, CancellationToken ct)
    {
        await using var check = conn.Command(tx,
            "SELECT 1 FROM leases WHERE kind = @kind AND lease_key = @key AND owner = @owner AND owner_instance = @instance FOR SHARE");
        check.AddParameter("@kind", kind);
        check.AddParameter("@key", key);
        check.AddParameter("@owner", owner);
        check.AddParameter("@instance", instance);
        return await check.ExecuteScalarAsync(ct) is not null;
    }

    private static async Task<List<NodeRow>> ReadNodesAsync(DbConnection conn, DbTransaction tx, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, $"SELECT {NodeColumns} FROM nodes");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<NodeRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new NodeRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), UnixMs.ToInstant(reader.GetInt64(5)), UnixMs.ToInstant(reader.GetInt64(6)), reader.GetInt64(7)));
        }
        return rows;
    }
}
