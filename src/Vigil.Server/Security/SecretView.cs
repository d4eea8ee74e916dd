namespace Vigil.Server.Security;

/// <summary>
/// What a read-scope token sees of a secret: heartbeat ping ids and notification targets are credentials (a ping id
/// is the only credential of <c>/hb/…</c>; a Slack or chat webhook URL is the only credential of its channel), so
/// they are shown to write and admin tokens only. A masked URL keeps its scheme, host and port and replaces the rest
/// with <c>&lt;secret&gt;</c>: <c>https://hooks.slack.com/&lt;secret&gt;</c>.
/// </summary>
public static class SecretView
{
    public const string Mask = "<secret>";

    /// <summary>True when the caller may see secrets: a write or admin token.</summary>
    public static bool Shows(HttpContext context) => Caller.Of(context) is { Scope: >= Scope.Write };

    /// <summary><paramref name="url"/> with everything after the host masked; <c>mailto:</c> addresses are kept (they are not credentials).</summary>
    public static string Url(string url)
    {
        if (url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return url;
        }
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? $"{uri.Scheme}://{uri.Authority}/{Mask}" // Authority is host and port, never user:password
            : Mask;
    }

    /// <summary>The URL itself for callers that may see it, else its masked form.</summary>
    public static string Url(HttpContext context, string url) => Shows(context) ? url : Url(url);
}
