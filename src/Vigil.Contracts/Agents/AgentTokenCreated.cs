namespace Vigil.Contracts.Agents;

/// <summary>
/// Answer of <c>POST /api/v1/agents/tokens</c>: the token, shown once (only its hash is kept), and the server's public
/// action key, which the agent's <c>server_key</c> must name before it will run any action.
/// </summary>
public sealed record AgentTokenCreated(long Id, string Host, string Token, string? ServerKey = null);
