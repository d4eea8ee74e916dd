using Vigil.Server.Labels;
using Vigil.Server.Notify.Email;

namespace Vigil.Server.Config;

/// <summary>Reads <c>smtp: {host, port, starttls, username, password, from}</c>.</summary>
internal static class SmtpReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "host", "port", "starttls", "username", "password", "from",
    };

    private static readonly IReadOnlySet<string> StartTlsModes = new HashSet<string>(StringComparer.Ordinal) { "auto", "always", "never", "tls" };

    public static SmtpOptions Read(YamlCursor? node)
    {
        var defaults = new SmtpOptions();
        if (node is null)
        {
            return defaults;
        }
        var map = node.Map(Known);
        var port = map.Get("port") is { } p ? p.Int() : defaults.Port;
        if (port is < 1 or > 65535)
        {
            throw map.Get("port")!.Error($"must be a TCP port, got {port}");
        }
        var startTls = map.Get("starttls")?.Text() ?? defaults.StartTls;
        if (!StartTlsModes.Contains(startTls))
        {
            throw map.Get("starttls")!.Error($"must be auto, always, never or tls, got {GoQuote.Quote(startTls)}");
        }
        return new SmtpOptions
        {
            Host = map.Get("host")?.Text(),
            Port = (int)port,
            StartTls = startTls,
            Username = map.Get("username")?.Text(),
            Password = map.Get("password")?.Text(),
            From = map.Get("from")?.Text() ?? defaults.From,
        };
    }
}
