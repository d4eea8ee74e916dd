namespace Vigil.Server.Pools;

/// <summary>A pool judged at one read: each member, how many are healthy, and which instances could not be read.</summary>
public sealed record PoolHealthReport(Pool Pool, IReadOnlyList<MemberHealth> Members, IReadOnlyList<InstanceSnapshot> Instances)
{
    public int HealthyCount => Members.Count(m => m.Healthy);

    /// <summary>Instances that could not be read: while any is, the pool's health is not known.</summary>
    public IReadOnlyList<InstanceSnapshot> Unreadable => [.. Instances.Where(i => i.Error is not null)];

    public MemberHealth? Find(string serverOrHost) =>
        Pool.FindMember(serverOrHost) is { } m ? Members.First(h => h.Member == m) : null;
}
