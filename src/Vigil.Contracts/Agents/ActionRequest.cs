namespace Vigil.Contracts.Agents;

/// <summary>
/// What the server asks an agent to do: the signed part of a <see cref="SignedActionRequest"/>. The agent runs
/// <see cref="Action"/> only when it is in its own allow-list, <see cref="Host"/> is its host, the request has not
/// expired and its <see cref="Nonce"/> was never accepted before.
/// </summary>
/// <param name="Id">The request's id on the server; the agent reports the outcome under it.</param>
/// <param name="Host">The host the request is for; any other host refuses it.</param>
/// <param name="Action">The name of an action in the agent's <c>actions:</c> (never a command).</param>
/// <param name="Reason">Why it was asked, for the agent's log and the audit.</param>
/// <param name="Nonce">Random; the agent accepts each nonce once and remembers it until the request expires.</param>
/// <param name="IssuedAt">When the server signed it.</param>
/// <param name="ExpiresAt">After this the agent refuses it.</param>
public sealed record ActionRequest(
    string Id,
    string Host,
    string Action,
    string Reason,
    string Nonce,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
