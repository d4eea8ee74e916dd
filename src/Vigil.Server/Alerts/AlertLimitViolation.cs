namespace Vigil.Server.Alerts;

/// <summary>
/// One alert (or a whole request) over a limit of <c>server.limits</c>: <see cref="Reason"/> is the
/// <c>reason</c> label of <c>vigil_alerts_rejected_total</c>, <see cref="Alerts"/> how many alerts it refuses.
/// </summary>
public sealed record AlertLimitViolation(string Reason, string Message, int Alerts);
