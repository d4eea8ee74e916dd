namespace Vigil.Server.Pools;

/// <summary>What <c>set server … state</c> did in each instance of a pool; it succeeded only if it did in all.</summary>
public sealed record PoolActionOutcome(Pool Pool, PoolMember Member, AdminState Requested, IReadOnlyList<InstanceOutcome> Instances)
{
    public bool Succeeded => Instances.All(i => i.Error is null);

    public string Describe() => Succeeded
        ? $"{Pool.Backend}/{Member.Server} set to {Requested.ToString().ToLowerInvariant()} in {Instances.Count} HAProxy instance(s)"
        : $"{Pool.Backend}/{Member.Server} not set to {Requested.ToString().ToLowerInvariant()} in every instance: "
          + string.Join("; ", Instances.Where(i => i.Error is not null).Select(i => i.Error!.Message));
}
