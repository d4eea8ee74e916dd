namespace Vigil.Server.Escalation;

/// <summary>What a signed link allows: <see cref="Action"/> (<c>ack</c> or <c>resolve</c>) on page <see cref="PageId"/> until <see cref="ExpiresAt"/>, once (by <see cref="Nonce"/>).</summary>
public sealed record PageLink(long PageId, string Action, DateTimeOffset ExpiresAt, string Nonce);
