namespace Vigil.Server.Pools;

/// <summary>One member judged: healthy only when UP (checks risen) in every instance and its host's checks pass.</summary>
public sealed record MemberHealth(
    PoolMember Member,
    bool Healthy,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<MemberInstanceState> Instances,
    HostStanding Host);

/// <summary>A member as one HAProxy instance sees it; <see cref="Error"/> when the instance could not say.</summary>
public sealed record MemberInstanceState(HaproxyEndpoint Instance, ServerStat? Stat, AdminState? Admin, RuntimeError? Error);
