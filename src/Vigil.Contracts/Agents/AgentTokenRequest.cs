namespace Vigil.Contracts.Agents;

/// <summary>Body of <c>POST /api/v1/agents/tokens</c> (admin): a token for the agent of <see cref="Host"/>.</summary>
public sealed record AgentTokenRequest(string? Host);
