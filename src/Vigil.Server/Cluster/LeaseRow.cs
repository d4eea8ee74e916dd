namespace Vigil.Server.Cluster;

/// <summary>One row of <c>leases</c>: a piece of work (<see cref="Kind"/>, <see cref="Key"/>) and the node doing it until <see cref="ExpiresAt"/>.</summary>
public sealed record LeaseRow(string Kind, string Key, string Owner, string OwnerInstance, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt)
{
    public bool IsFree(DateTimeOffset now) => ExpiresAt <= now;
}
