namespace Vigil.Server.Cluster;

/// <summary>
/// How the nodes sharing one PostgreSQL coordinate (<c>server.cluster:</c>; read at start). A node renews its heartbeat
/// and its leases every <see cref="RenewEvery"/>; a node or lease not renewed for <see cref="Lease"/> is taken as gone, so
/// work moves to another node within about <c>lease + 2 × renew</c>. Ignored on SQLite (one node holds everything).
/// </summary>
public sealed record ClusterSettings
{
    /// <summary>How long a heartbeat or a lease lasts unless renewed. Default 6s, so a dead node's work moves within 10 s.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>How often shared state (silences, windows, overrides) is re-read even without a change notice. Default 10s.</summary>
    public TimeSpan RereadInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often heartbeats and leases are renewed: a quarter of the lease.</summary>
    public TimeSpan RenewEvery => Lease / 4;
}
