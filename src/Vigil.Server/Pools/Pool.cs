namespace Vigil.Server.Pools;

/// <summary>
/// A load-balanced pool (<c>pools[]</c>): one HAProxy backend, served by the same members in every HAProxy
/// instance of an active/passive pair, and the number of healthy members it must keep.
/// </summary>
public sealed record Pool
{
    /// <summary>The pool's name (<c>name</c>), unique among pools.</summary>
    public required string Name { get; init; }

    /// <summary>The HAProxy instances (<c>haproxy</c>); every command goes to every one of them.</summary>
    public required IReadOnlyList<HaproxyEndpoint> Instances { get; init; }

    /// <summary>The HAProxy backend whose servers are the members (<c>backend</c>).</summary>
    public required string Backend { get; init; }

    /// <summary>The members in configuration order: HAProxy server name → Vigil host (<c>members</c>).</summary>
    public required IReadOnlyList<PoolMember> Members { get; init; }

    /// <summary>How many members must stay healthy (<c>min_healthy</c>); required, from 0 to the member count.</summary>
    public required int MinHealthy { get; init; }

    /// <summary>How long one Runtime API command may take before the instance counts as unreachable (<c>timeout</c>). Default 2s.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    public PoolMember? FindMember(string serverOrHost) =>
        Members.FirstOrDefault(m => m.Server == serverOrHost) ?? Members.FirstOrDefault(m => m.Host == serverOrHost);
}
