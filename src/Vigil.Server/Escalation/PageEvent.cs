namespace Vigil.Server.Escalation;

/// <summary>One entry of a page's history: <see cref="Kind"/> (triggered, notified, escalated, repeated, exhausted, acknowledged, reack_timeout, resolved), who and when.</summary>
public sealed record PageEvent(long PageId, DateTimeOffset At, string Kind, string Actor, string Detail);
