using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Data.Common;
using Vigil.Server.Hosting;
using Vigil.Server.Storage;

namespace Vigil.Server.Cluster;

/// <summary>
/// What this node may do now among work shared by leases. A service says which pieces of work it can do
/// (<see cref="Want"/>) and asks <see cref="Holds"/> before doing one. On PostgreSQL <see cref="ClusterService"/> takes
/// and renews the leases; a lease counts as held until one lease length after the start of the round that last
/// renewed it (never longer than the database row says), so a node cut off from the database stops on its own. On
/// SQLite there is one node and it holds everything it wants.
/// </summary>
public sealed class LeaseBook(Database db, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, LeaseWant> _wants = new(StringComparer.Ordinal);
    private FrozenDictionary<(string Kind, string Key), DateTimeOffset> _held = FrozenDictionary<(string, string), DateTimeOffset>.Empty;
    private IReadOnlyList<LeaseRow> _table = [];

    /// <summary>Whether leases are shared with other nodes (PostgreSQL); false: this node holds every lease.</summary>
    public bool Shared { get; } = db.Engine == DatabaseEngine.Postgres;

    /// <summary>Raised after the set of held leases changed (a round took or lost some).</summary>
    public event Action? Changed;

    internal WakeSignal RoundWanted { get; } = new(clock);

    /// <summary>Replaces the keys of <paramref name="kind"/> this node is ready to work on; a round follows at once.</summary>
    public void Want(string kind, IReadOnlyList<string> keys, bool balanced)
    {
        var next = new LeaseWant(kind, [.. keys], balanced);
        if (_wants.TryGetValue(kind, out var old) && old.Balanced == balanced && old.Keys.SequenceEqual(next.Keys))
        {
            return;
        }
        _wants[kind] = next;
        RoundWanted.Wake();
    }

    /// <summary>Whether this node may do the piece of work now.</summary>
    public bool Holds(string kind, string key) =>
        !Shared || (Volatile.Read(ref _held).TryGetValue((kind, key), out var until) && clock.GetUtcNow() < until);

    /// <summary>
    /// Whether another live node holds the lease, as of the last round's read of the table: false also when nobody
    /// does (a lease that lapsed, e.g. while this node could not reach the database, and is free to be taken again).
    /// </summary>
    public bool HeldElsewhere(string kind, string key)
    {
        if (!Shared || Holds(kind, key))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        foreach (var row in Volatile.Read(ref _table))
        {
            if (row.Kind == kind && row.Key == key)
            {
                return !row.IsFree(now) && !(row.Owner == _owner && row.OwnerInstance == _instance);
            }
        }
        return false;
    }

    /// <summary>
    /// Inside a write transaction that records the outcome of leased work: whether the lease is still this node's in
    /// the database, its row locked until the transaction ends (see <see cref="ClusterStore.StillHeldAsync"/>). A node
    /// that lost the lease while the work was under way writes nothing; the new holder does the work. Always true on
    /// SQLite.
    /// </summary>
    public Task<bool> StillHoldsAsync(DbConnection conn, DbTransaction tx, string kind, string key, CancellationToken ct) =>
        Shared ? ClusterStore.StillHeldAsync(conn, tx, kind, key, _owner, _instance, ct) : Task.FromResult(true);

    /// <summary>The keys of <paramref name="kind"/> this node holds now.</summary>
    public IReadOnlyList<string> Held(string kind)
    {
        if (!Shared)
        {
            return _wants.TryGetValue(kind, out var w) ? w.Keys : [];
        }
        var now = clock.GetUtcNow();
        return [.. Volatile.Read(ref _held).Where(h => h.Key.Kind == kind && now < h.Value).Select(h => h.Key.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>The lease table as the last round read it (every node's leases).</summary>
    public IReadOnlyList<LeaseRow> Table => Volatile.Read(ref _table);

    internal IReadOnlyCollection<LeaseWant> Wants => [.. _wants.Values];

    private string _owner = "";
    private string _instance = "";

    /// <summary>Who this node is in the lease table (set before the first round).</summary>
    internal void Identify(string owner, string instance)
    {
        _owner = owner;
        _instance = instance;
    }

    /// <summary>After a round: these are held until <paramref name="validUntil"/>.</summary>
    internal void Renewed(IReadOnlySet<(string Kind, string Key)> held, DateTimeOffset now, DateTimeOffset validUntil, IReadOnlyList<LeaseRow> table)
    {
        var before = Volatile.Read(ref _held);
        // Held before means held until then: a lease that lapsed meanwhile (the clock jumped past it) and was taken
        // again is a change too, so the services that dropped the work pick it up again.
        var wasHeld = before.Where(h => h.Value > now).Select(h => h.Key).ToHashSet();
        Volatile.Write(ref _held, held.ToFrozenDictionary(k => k, _ => validUntil));
        Volatile.Write(ref _table, table);
        if (!wasHeld.SetEquals(held))
        {
            Changed?.Invoke();
        }
    }

    /// <summary>A round failed: leases past their time are gone (the database may already have given them to another node).</summary>
    internal void Expire(DateTimeOffset now)
    {
        var before = Volatile.Read(ref _held);
        if (before.Values.Any(until => until <= now))
        {
            Volatile.Write(ref _held, before.Where(h => h.Value > now).ToFrozenDictionary());
            Changed?.Invoke();
        }
    }
}
