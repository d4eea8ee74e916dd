using Vigil.Server.Security;

namespace Vigil.Server.Audit;

/// <summary>
/// One record in <see cref="AuditLog.AppendManyAsync"/>: who did what to which object (of the call's type), and the
/// object's text before and after the change.
/// </summary>
public sealed record AuditObject(Caller Caller, string Action, string Id, string? Before, string? After);
