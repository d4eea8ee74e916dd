namespace Vigil.Contracts.Agents;

/// <summary>Answer of <c>GET /api/v1/agents/actions?wait=25s</c>: the requests handed to this agent (often none).</summary>
public sealed record ActionPoll(IReadOnlyList<SignedActionRequest> Requests);
