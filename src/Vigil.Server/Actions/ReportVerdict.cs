namespace Vigil.Server.Actions;

/// <summary>What <see cref="AgentActionService.ReportAsync"/> made of an agent's report: accepted (for <c>running</c>: the agent may start), or why not.</summary>
public sealed record ReportVerdict(bool Accepted, string? Problem);
