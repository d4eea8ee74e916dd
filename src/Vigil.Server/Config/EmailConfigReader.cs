using Vigil.Server.Labels;

namespace Vigil.Server.Config;

/// <summary><c>email_configs[]</c> as Alertmanager 0.25 reads it: <c>to</c> required, headers canonicalised, <c>global.smtp_*</c> filling what is unset.</summary>
internal static class EmailConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "send_resolved", "to", "from", "hello", "smarthost", "auth_username", "auth_password", "auth_password_file", "auth_secret",
        "auth_identity", "headers", "html", "text", "require_tls", "tls_config",
    };

    public static IntegrationConfig Read(YamlCursor node, GlobalConfig global)
    {
        var map = node.Map(Known);
        string? Text(string key) => map.Get(key)?.Text() is { Length: > 0 } v ? v : null;
        var to = Text("to") ?? throw node.Error("missing to address in email config");
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in map.Get("headers")?.Entries() ?? [])
        {
            var name = CanonicalHeader(key);
            if (headers.Any(h => h.Key == name))
            {
                throw map.Required("headers").Error($"duplicate header {GoQuote.Quote(name)} in email config");
            }
            headers.Add(new(name, value.Text()));
        }
        var smarthost = (map.Get("smarthost") is { IsNull: false } sh ? SmtpAddress.Read(sh) : null) ?? global.SmtpSmarthost
            ?? throw node.Error("no global SMTP smarthost set");
        var from = Text("from") ?? global.SmtpFrom ?? throw node.Error("no global SMTP from set");
        // Alertmanager adds the defaults when it builds the notifier: a configured header of the same name wins.
        AddMissing(headers, "Subject", EmailConfig.DefaultSubject);
        AddMissing(headers, "To", to);
        AddMissing(headers, "From", from);
        var password = Text("auth_password");
        var passwordFile = Text("auth_password_file");
        if (password is not null && passwordFile is not null)
        {
            throw node.Error("at most one of auth_password & auth_password_file must be configured");
        }
        if (password is null && passwordFile is null)
        {
            (password, passwordFile) = (global.SmtpAuthPassword, global.SmtpAuthPasswordFile);
        }
        return new EmailConfig
        {
            SendResolved = map.Get("send_resolved")?.Bool() ?? false,
            To = to,
            From = from,
            Hello = Text("hello") ?? global.SmtpHello,
            Smarthost = smarthost,
            AuthUsername = Text("auth_username") ?? global.SmtpAuthUsername,
            AuthPassword = password,
            AuthPasswordFile = passwordFile,
            AuthSecret = Text("auth_secret") ?? global.SmtpAuthSecret,
            AuthIdentity = Text("auth_identity") ?? global.SmtpAuthIdentity,
            Headers = headers,
            Html = map.Get("html") is { } html ? html.Text() : EmailConfig.DefaultHtml,
            Text = map.Get("text")?.Text() ?? "",
            RequireTls = map.Get("require_tls")?.Bool() ?? global.SmtpRequireTls,
            Tls = map.Get("tls_config") is { IsNull: false } tls ? HttpClientConfigReader.ReadTls(tls) : TlsClientConfig.Default,
        };
    }

    private static void AddMissing(List<KeyValuePair<string, string>> headers, string name, string value)
    {
        if (!headers.Any(h => h.Key == name))
        {
            headers.Add(new(name, value));
        }
    }

    /// <summary>Go's textproto.CanonicalMIMEHeaderKey: each dash-separated word capitalised (<c>x-priority</c> → <c>X-Priority</c>).</summary>
    internal static string CanonicalHeader(string key)
    {
        if (key.Any(c => c is ' ' or ':' || c > 127))
        {
            return key; // Go leaves keys with invalid characters alone
        }
        var chars = key.ToCharArray();
        var upper = true;
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = upper ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
            upper = chars[i] == '-';
        }
        return new string(chars);
    }
}
