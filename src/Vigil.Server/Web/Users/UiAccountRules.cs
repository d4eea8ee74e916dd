using System.Text.RegularExpressions;

namespace Vigil.Server.Web.Users;

/// <summary>What a user's name and password must be; each check returns the message naming the field, or null.</summary>
public static partial class UiAccountRules
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 512;

    // Like a login name, plus '@' so the e-mail address an authenticating proxy sends can be a local user's name.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    public static string? CheckName(string? name) =>
        string.IsNullOrEmpty(name) ? "name: required"
        : NamePattern().IsMatch(name) ? null
        : $"name: must be 1 to 64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit (got \"{Shorten(name)}\")";

    public static string? CheckPassword(string? password) =>
        password is null ? "password: required"
        : password.Length < MinPasswordLength ? $"password: must be at least {MinPasswordLength} characters (got {password.Length})"
        : password.Length > MaxPasswordLength ? $"password: must be at most {MaxPasswordLength} characters"
        : password.Trim().Length == 0 ? "password: must not be only spaces"
        : null;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
