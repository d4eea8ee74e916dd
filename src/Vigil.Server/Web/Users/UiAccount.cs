using Vigil.Server.Web.Sessions;

namespace Vigil.Server.Web.Users;

/// <summary>A local user of the web UI (table <c>ui_users</c>). <see cref="PasswordHash"/> is ASP.NET Core Identity's
/// salted PBKDF2 format; it never leaves the server (not in API answers, not in the audit log).</summary>
/// <param name="Person">The configured person this user is (for "assigned to me" and the default time zone), or null.</param>
public sealed record UiAccount(
    string Name,
    string PasswordHash,
    UiRole Role,
    string? Person,
    bool Disabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
