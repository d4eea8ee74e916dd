namespace Vigil.Server.Audit;

/// <summary>One object's record in <see cref="AuditLog.AppendManyAsync"/>: its id, and its text before and after the change.</summary>
public sealed record AuditObject(string Id, string? Before, string? After);
