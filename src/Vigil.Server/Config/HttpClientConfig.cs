namespace Vigil.Server.Config;

/// <summary>
/// Prometheus' common <c>http_config</c> (the HTTP client of every Alertmanager integration): who we are to the receiver
/// (basic auth, an Authorization header, OAuth2 client credentials, a client certificate), how we trust it (CA, server
/// name, skip verify) and how we reach it (proxy, redirects). Records compare by value, so equal configs share one client.
/// </summary>
public sealed record HttpClientConfig
{
    public static readonly HttpClientConfig Default = new();

    public BasicAuthConfig? BasicAuth { get; init; }

    /// <summary><c>authorization</c> (or the older <c>bearer_token</c>/<c>bearer_token_file</c>, read as type Bearer).</summary>
    public AuthorizationConfig? Authorization { get; init; }

    public OAuth2Config? OAuth2 { get; init; }

    public TlsClientConfig Tls { get; init; } = TlsClientConfig.Default;

    public Uri? ProxyUrl { get; init; }

    /// <summary>Default true, as Prometheus.</summary>
    public bool FollowRedirects { get; init; } = true;

    /// <summary>Default true, as Prometheus.</summary>
    public bool EnableHttp2 { get; init; } = true;
}

/// <summary><c>basic_auth</c>: the password inline or read from <c>password_file</c> at every request.</summary>
public sealed record BasicAuthConfig(string Username, string? Password, string? PasswordFile);

/// <summary><c>authorization</c>: <c>type</c> (default Bearer) and the credentials inline or from <c>credentials_file</c>.</summary>
public sealed record AuthorizationConfig(string Type, string? Credentials, string? CredentialsFile);

/// <summary><c>oauth2</c>: the client-credentials grant against <c>token_url</c>.</summary>
public sealed record OAuth2Config
{
    public required string ClientId { get; init; }

    public string? ClientSecret { get; init; }

    public string? ClientSecretFile { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public required Uri TokenUrl { get; init; }

    public IReadOnlyDictionary<string, string> EndpointParams { get; init; } = new Dictionary<string, string>();

    public TlsClientConfig Tls { get; init; } = TlsClientConfig.Default;

    public Uri? ProxyUrl { get; init; }

    public bool Equals(OAuth2Config? other) =>
        other is not null && ClientId == other.ClientId && ClientSecret == other.ClientSecret && ClientSecretFile == other.ClientSecretFile &&
        Scopes.SequenceEqual(other.Scopes) && TokenUrl == other.TokenUrl && Tls == other.Tls && ProxyUrl == other.ProxyUrl &&
        EndpointParams.Count == other.EndpointParams.Count && EndpointParams.All(p => other.EndpointParams.TryGetValue(p.Key, out var v) && v == p.Value);

    public override int GetHashCode() => HashCode.Combine(ClientId, TokenUrl, Scopes.Count);
}

/// <summary><c>tls_config</c>: PEM inline (<c>ca</c>, <c>cert</c>, <c>key</c>) or files, read when the client is built.</summary>
public sealed record TlsClientConfig
{
    public static readonly TlsClientConfig Default = new();

    public string? Ca { get; init; }

    public string? CaFile { get; init; }

    public string? Cert { get; init; }

    public string? CertFile { get; init; }

    public string? Key { get; init; }

    public string? KeyFile { get; init; }

    public string? ServerName { get; init; }

    public bool InsecureSkipVerify { get; init; }

    /// <summary><c>min_version</c>: TLS10…TLS13, or null for the platform's default.</summary>
    public string? MinVersion { get; init; }
}
