namespace Vigil.Server.Config;

/// <summary><c>email_configs[]</c>, with the <c>global.smtp_*</c> defaults already applied (as Alertmanager's config loading does).</summary>
public sealed record EmailConfig : IntegrationConfig
{
    /// <summary>Alertmanager's default subject header.</summary>
    public const string DefaultSubject = """{{ template "email.default.subject" . }}""";

    /// <summary>Alertmanager's default HTML body.</summary>
    public const string DefaultHtml = """{{ template "email.default.html" . }}""";

    public override string Kind => "email";

    /// <summary>Recipients, a template (comma-separated addresses once rendered).</summary>
    public required string To { get; init; }

    /// <summary>The sender, a template.</summary>
    public required string From { get; init; }

    public required string Hello { get; init; }

    public required SmtpAddress Smarthost { get; init; }

    public string? AuthUsername { get; init; }

    public string? AuthPassword { get; init; }

    public string? AuthPasswordFile { get; init; }

    public string? AuthSecret { get; init; }

    public string? AuthIdentity { get; init; }

    /// <summary>Header templates by canonical name (<c>Subject</c>, <c>To</c> and <c>From</c> always present), in file order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>The HTML body template; empty for none. Default <see cref="DefaultHtml"/>.</summary>
    public string Html { get; init; } = DefaultHtml;

    /// <summary>The plain-text body template; empty (the default) for none.</summary>
    public string Text { get; init; } = "";

    public bool RequireTls { get; init; } = true;

    public TlsClientConfig Tls { get; init; } = TlsClientConfig.Default;

    public override string Target => $"smtp://{Smarthost} to {To}";

    public bool Equals(EmailConfig? other) =>
        other is not null && base.Equals(other) && To == other.To && From == other.From && Hello == other.Hello && Smarthost == other.Smarthost &&
        AuthUsername == other.AuthUsername && AuthPassword == other.AuthPassword && AuthPasswordFile == other.AuthPasswordFile &&
        AuthSecret == other.AuthSecret && AuthIdentity == other.AuthIdentity && Headers.SequenceEqual(other.Headers) && Html == other.Html &&
        Text == other.Text && RequireTls == other.RequireTls && Tls == other.Tls;

    public override int GetHashCode() => HashCode.Combine(To, From, Smarthost);
}
