namespace Vigil.Server.Audit;

/// <summary>
/// One change, as the audit log keeps it: who (the token's name), from where, when, what was done to
/// which object, and the object before and after (JSON, null when it did not exist).
/// </summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string Actor,
    string ClientAddress,
    string Action,
    string ObjectType,
    string ObjectId,
    string? Before,
    string? After);
