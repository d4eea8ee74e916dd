namespace Vigil.Server.Notify.Email;

/// <summary>The <c>smtp:</c> section: how email notifications leave.</summary>
public sealed record SmtpOptions
{
    /// <summary>SMTP server host. Default: none (email messages fail until set).</summary>
    public string? Host { get; init; }

    /// <summary>Default 25.</summary>
    public int Port { get; init; } = 25;

    /// <summary><c>auto</c> (use STARTTLS when offered, the default), <c>always</c>, <c>never</c>, or <c>tls</c> (implicit TLS, port 465).</summary>
    public string StartTls { get; init; } = "auto";

    /// <summary>Login user; no authentication when unset.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>The From address. Default <c>vigil@localhost</c>.</summary>
    public string From { get; init; } = "vigil@localhost";
}
