namespace Vigil.Server.Escalation;

/// <summary>
/// One level of a policy: its targets are paged together, or one at a time in turn when
/// <see cref="RoundRobin"/> is set (default false); the next level follows after <see cref="AckTimeout"/>
/// (default 5m) without an acknowledgement.
/// </summary>
public sealed record EscalationLevel(IReadOnlyList<EscalationTarget> Targets, TimeSpan AckTimeout, bool RoundRobin);
