namespace Vigil.Server.Pools;

/// <summary>A member as one HAProxy instance sees it; <see cref="Error"/> when the instance could not say.</summary>
public sealed record MemberInstanceState(HaproxyEndpoint Instance, ServerStat? Stat, AdminState? Admin, RuntimeError? Error);
