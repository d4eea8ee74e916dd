namespace Vigil.Server.Pools;

/// <summary>The answer to "may this member leave the pool now?", with the sentence that explains it.</summary>
public sealed record RemovalVerdict(RemovalDecision Decision, int HealthyNow, int HealthyAfter, int MinHealthy, string Reason);
