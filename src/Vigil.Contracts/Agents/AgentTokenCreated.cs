namespace Vigil.Contracts.Agents;

/// <summary>Answer of <c>POST /api/v1/agents/tokens</c>: the token, shown once (only its hash is kept).</summary>
public sealed record AgentTokenCreated(long Id, string Host, string Token);
