namespace Vigil.Server.Security;

/// <summary>
/// <c>vigil server --web.config.file FILE</c>: TLS, basic-auth users and response headers, in the format of the
/// Prometheus exporter toolkit that every Prometheus component reads (<c>tls_server_config</c>,
/// <c>http_server_config</c>, <c>basic_auth_users</c>), plus Vigil's <c>basic_auth_scopes</c>.
/// </summary>
public sealed record WebConfig
{
    /// <summary><c>tls_server_config</c>; null: plain HTTP.</summary>
    public TlsServerConfig? Tls { get; init; }

    /// <summary><c>http_server_config.headers</c>: added to every response.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary><c>basic_auth_users</c> (bcrypt hashes) with their scopes from <c>basic_auth_scopes</c>.</summary>
    public IReadOnlyDictionary<string, BasicAuthUser> Users { get; init; } = new Dictionary<string, BasicAuthUser>();

    /// <summary>Where it was read from (errors and logs).</summary>
    public string Source { get; init; } = "";
}
