namespace Vigil.Server.Incidents;

/// <summary>Role names: the two every incident has a place for, and the rule other names follow.</summary>
public static class IncidentRoles
{
    public const string Commander = "commander";
    public const string Communications = "communications";

    /// <summary>Null when <paramref name="role"/> is a valid role name, else why not.</summary>
    public static string? Check(string? role) =>
        role is not { Length: > 0 and <= 40 } ? "required, 1 to 40 characters such as commander, communications or scribe"
        : !char.IsAsciiLetterLower(role[0]) || !role.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_')
            ? $"lower-case letters, digits, - and _ only, starting with a letter (got '{role}')"
        : null;
}
