namespace Vigil.Server.Config;

/// <summary>Reads an <c>http_config</c> (global or per integration) with Prometheus' validation and its error texts.</summary>
internal static class HttpClientConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "basic_auth", "authorization", "oauth2", "bearer_token", "bearer_token_file", "tls_config", "proxy_url", "no_proxy",
        "proxy_from_environment", "proxy_connect_header", "follow_redirects", "enable_http2",
    };

    private static readonly IReadOnlySet<string> BasicKnown = new HashSet<string>(StringComparer.Ordinal) { "username", "password", "password_file" };

    private static readonly IReadOnlySet<string> AuthorizationKnown = new HashSet<string>(StringComparer.Ordinal) { "type", "credentials", "credentials_file" };

    private static readonly IReadOnlySet<string> OAuth2Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "client_id", "client_secret", "client_secret_file", "scopes", "token_url", "endpoint_params", "tls_config", "proxy_url",
    };

    private static readonly IReadOnlySet<string> TlsKnown = new HashSet<string>(StringComparer.Ordinal)
    {
        "ca", "ca_file", "cert", "cert_file", "key", "key_file", "server_name", "insecure_skip_verify", "min_version", "max_version",
    };

    private static readonly IReadOnlySet<string> TlsVersions = new HashSet<string>(StringComparer.Ordinal) { "TLS10", "TLS11", "TLS12", "TLS13" };

    /// <summary>
    /// A relative <c>*_file</c> path of an http_config is relative to the configuration file's folder, as Alertmanager's
    /// resolveFilepaths makes it (the other integrations' <c>*_file</c> keys are not: they stay relative to the working folder).
    /// </summary>
    private static string? InConfigFolder(YamlCursor node, string? path)
    {
        if (path is null || Path.IsPathRooted(path) || !File.Exists(node.File))
        {
            return path;
        }
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(node.File))!, path);
    }

    /// <summary>The integration's <c>http_config</c>, or <paramref name="fallback"/> (the global one) when it has none.</summary>
    public static HttpClientConfig Read(YamlCursor? node, HttpClientConfig fallback)
    {
        if (node is null || node.IsNull)
        {
            return fallback;
        }
        var map = node.Map(Known);
        var basic = map.Get("basic_auth") is { IsNull: false } b ? ReadBasic(b) : null;
        var authorization = map.Get("authorization") is { IsNull: false } a ? ReadAuthorization(a) : null;
        var oauth2 = map.Get("oauth2") is { IsNull: false } o ? ReadOAuth2(o) : null;
        var bearer = map.Get("bearer_token")?.Text() is { Length: > 0 } t ? t : null;
        var bearerFile = InConfigFolder(node, map.Get("bearer_token_file")?.Text() is { Length: > 0 } f ? f : null);
        if (bearer is not null && bearerFile is not null)
        {
            throw node.Error("at most one of bearer_token & bearer_token_file must be configured");
        }
        if (new object?[] { basic, oauth2, bearer ?? bearerFile }.Count(x => x is not null) > 1)
        {
            throw node.Error("at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        }
        if (authorization is not null && (basic is not null || oauth2 is not null))
        {
            throw node.Error("at most one of basic_auth, oauth2 & authorization must be configured");
        }
        if (authorization is not null && (bearer ?? bearerFile) is not null)
        {
            throw node.Error("authorization is not compatible with bearer_token & bearer_token_file");
        }
        if (bearer is not null || bearerFile is not null)
        {
            authorization = new AuthorizationConfig("Bearer", bearer, bearerFile);
        }
        return new HttpClientConfig
        {
            BasicAuth = basic,
            Authorization = authorization,
            OAuth2 = oauth2,
            Tls = map.Get("tls_config") is { IsNull: false } tls ? ReadTls(tls) : TlsClientConfig.Default,
            ProxyUrl = map.Get("proxy_url") is { IsNull: false } p && p.Text().Length > 0 ? p.HttpUrl() : null,
            FollowRedirects = map.Get("follow_redirects")?.Bool() ?? true,
            EnableHttp2 = map.Get("enable_http2")?.Bool() ?? true,
        };
    }

    private static BasicAuthConfig ReadBasic(YamlCursor node)
    {
        var map = node.Map(BasicKnown);
        var password = map.Get("password")?.Text() is { Length: > 0 } pw ? pw : null;
        var file = InConfigFolder(node, map.Get("password_file")?.Text() is { Length: > 0 } pf ? pf : null);
        if (password is not null && file is not null)
        {
            throw node.Error("at most one of basic_auth password & password_file must be configured");
        }
        return new BasicAuthConfig(map.Get("username")?.Text() ?? "", password, file);
    }

    private static AuthorizationConfig ReadAuthorization(YamlCursor node)
    {
        var map = node.Map(AuthorizationKnown);
        var type = map.Get("type")?.Text() is { Length: > 0 } t ? t : "Bearer";
        if (string.Equals(type, "basic", StringComparison.OrdinalIgnoreCase))
        {
            throw node.Error("authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
        }
        var credentials = map.Get("credentials")?.Text() is { Length: > 0 } c ? c : null;
        var file = InConfigFolder(node, map.Get("credentials_file")?.Text() is { Length: > 0 } f ? f : null);
        if (credentials is not null && file is not null)
        {
            throw node.Error("at most one of authorization credentials & credentials_file must be configured");
        }
        return new AuthorizationConfig(type, credentials, file);
    }

    private static OAuth2Config ReadOAuth2(YamlCursor node)
    {
        var map = node.Map(OAuth2Known);
        var secret = map.Get("client_secret")?.Text() is { Length: > 0 } s ? s : null;
        var file = InConfigFolder(node, map.Get("client_secret_file")?.Text() is { Length: > 0 } f ? f : null);
        if (secret is not null && file is not null)
        {
            throw node.Error("at most one of oauth2 client_secret & client_secret_file must be configured");
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Get("endpoint_params")?.Entries() ?? [])
        {
            parameters[key] = value.Text();
        }
        return new OAuth2Config
        {
            ClientId = map.Get("client_id")?.Text() ?? "",
            ClientSecret = secret,
            ClientSecretFile = file,
            Scopes = map.Get("scopes")?.Strings() ?? [],
            TokenUrl = map.Required("token_url").HttpUrl(),
            EndpointParams = parameters,
            Tls = map.Get("tls_config") is { IsNull: false } tls ? ReadTls(tls) : TlsClientConfig.Default,
            ProxyUrl = map.Get("proxy_url") is { IsNull: false } p && p.Text().Length > 0 ? p.HttpUrl() : null,
        };
    }

    internal static TlsClientConfig ReadTls(YamlCursor node)
    {
        var map = node.Map(TlsKnown);
        string? Text(string key) => map.Get(key)?.Text() is { Length: > 0 } v ? v : null;
        var config = new TlsClientConfig
        {
            Ca = Text("ca"),
            CaFile = InConfigFolder(node, Text("ca_file")),
            Cert = Text("cert"),
            CertFile = InConfigFolder(node, Text("cert_file")),
            Key = Text("key"),
            KeyFile = InConfigFolder(node, Text("key_file")),
            ServerName = Text("server_name"),
            InsecureSkipVerify = map.Get("insecure_skip_verify")?.Bool() ?? false,
            MinVersion = Text("min_version"),
        };
        if (config.MinVersion is { } min && !TlsVersions.Contains(min))
        {
            throw map.Required("min_version").Error($"unknown TLS version: {min}");
        }
        if (config.Ca is not null && config.CaFile is not null)
        {
            throw node.Error("at most one of ca and ca_file must be configured");
        }
        if (config.Cert is not null && config.CertFile is not null)
        {
            throw node.Error("at most one of cert and cert_file must be configured");
        }
        if (config.Key is not null && config.KeyFile is not null)
        {
            throw node.Error("at most one of key and key_file must be configured");
        }
        if ((config.Cert ?? config.CertFile) is not null != (config.Key ?? config.KeyFile) is not null)
        {
            throw node.Error((config.Cert ?? config.CertFile) is not null
                ? "exactly one of key or key_file must be configured when a client certificate is configured"
                : "exactly one of cert or cert_file must be configured when a client key is configured");
        }
        return config;
    }
}
