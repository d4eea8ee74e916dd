namespace Vigil.Server.Pools;

/// <summary>One member judged: healthy only when UP (checks risen) in every instance and its host's checks pass.</summary>
public sealed record MemberHealth(
    PoolMember Member,
    bool Healthy,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<MemberInstanceState> Instances,
    HostStanding Host);
