namespace Vigil.Server.Security;

/// <summary>A user of <c>basic_auth_users</c>: the bcrypt hash of their password and the scope they act with.</summary>
public sealed record BasicAuthUser(string Name, string Hash, Scope Scope);
