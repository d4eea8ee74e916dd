namespace Vigil.Server.Cluster;

/// <summary>
/// This node's view of the cluster, as of its last heartbeat: the live nodes, whether it can still reach the shared
/// database (renewed within a lease) and whether it has settled (beaten, taken its leases and caught up once).
/// </summary>
public sealed class ClusterView(LeaseBook leases, TimeProvider clock)
{
    private Membership _members = Membership.None;
    private DateTimeOffset? _lastBeat;
    private volatile bool _settled;
    private volatile bool _following;

    public bool Enabled => leases.Shared;

    public Membership Members => Volatile.Read(ref _members);

    public DateTimeOffset? LastBeat => _lastBeat;

    /// <summary>Whether this node counts as connected to the shared database: single node, or a heartbeat within the lease.</summary>
    public bool Connected(TimeSpan lease) => !Enabled || (_lastBeat is { } b && clock.GetUtcNow() < b + lease);

    /// <summary>Alertmanager's <c>cluster.status</c>: <c>disabled</c> on one node; <c>settling</c> until this node has beaten, taken its leases and follows the shared state; then <c>ready</c>.</summary>
    public string Status => !Enabled ? "disabled" : _settled && _following ? "ready" : "settling";

    internal void Beat(Membership members, DateTimeOffset at)
    {
        Volatile.Write(ref _members, members);
        _lastBeat = at;
    }

    internal void Settled() => _settled = true;

    internal void Following(bool on) => _following = on;
}
