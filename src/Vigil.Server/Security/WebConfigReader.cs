using System.Net.Security;
using System.Security.Authentication;
using Vigil.Server.Config;

namespace Vigil.Server.Security;

/// <summary>
/// Reads a web configuration file in the Prometheus exporter toolkit's format; errors name the file, line and key, and
/// unknown keys are refused (as the toolkit's strict parser does). Paths are relative to the file's folder.
/// </summary>
internal static class WebConfigReader
{
    private static readonly IReadOnlySet<string> TopKnown = new HashSet<string>(StringComparer.Ordinal)
    {
        "tls_server_config", "http_server_config", "basic_auth_users", "basic_auth_scopes",
    };

    private static readonly IReadOnlySet<string> TlsKnown = new HashSet<string>(StringComparer.Ordinal)
    {
        "cert_file", "key_file", "client_auth_type", "client_ca_file", "min_version", "max_version", "cipher_suites",
        "prefer_server_cipher_suites", "curve_preferences",
    };

    private static readonly IReadOnlySet<string> TlsUnsupported = new HashSet<string>(StringComparer.Ordinal) { "cert", "key", "client_ca", "client_allowed_sans" };

    private static readonly IReadOnlySet<string> HttpKnown = new HashSet<string>(StringComparer.Ordinal) { "headers", "http2" };

    /// <summary>The response headers the exporter toolkit lets a web config set.</summary>
    private static readonly IReadOnlySet<string> AllowedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options", "X-XSS-Protection", "Content-Security-Policy",
    };

    public static WebConfig ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, "", $"cannot read the web configuration file: {e.Message}", e);
        }
        return Read(text, path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public static WebConfig Read(string yaml, string source, string folder)
    {
        var root = ConfigLoader.ParseYaml(yaml, source);
        if (root is null)
        {
            return new WebConfig { Source = source };
        }
        var top = root.Map(TopKnown);
        var scopes = ReadScopes(top.Get("basic_auth_scopes"));
        var users = new Dictionary<string, BasicAuthUser>(StringComparer.Ordinal);
        foreach (var (name, hash) in top.Get("basic_auth_users")?.Entries() ?? [])
        {
            var text = hash.Text();
            if (!text.StartsWith("$2", StringComparison.Ordinal) || text.Length != 60)
            {
                throw hash.Error("not a bcrypt hash (e.g. from `htpasswd -nBC 10 \"\" | tr -d ':\\n'`)");
            }
            users[name] = new BasicAuthUser(name, text, scopes.GetValueOrDefault(name, Scope.Write));
        }
        foreach (var (name, _) in scopes)
        {
            if (!users.ContainsKey(name))
            {
                throw top.Get("basic_auth_scopes")!.Error($"\"{name}\" is not one of basic_auth_users");
            }
        }
        return new WebConfig
        {
            Tls = top.Get("tls_server_config") is { } tls ? ReadTls(tls, folder) : null,
            Headers = ReadHeaders(top.Get("http_server_config")),
            Users = users,
            Source = source,
        };
    }

    private static Dictionary<string, Scope> ReadScopes(YamlCursor? node)
    {
        var scopes = new Dictionary<string, Scope>(StringComparer.Ordinal);
        foreach (var (name, value) in node?.Entries() ?? [])
        {
            scopes[name] = Scopes.TryParse(value.Text(), out var scope) ? scope : throw value.Error("must be read, write or admin");
        }
        return scopes;
    }

    private static TlsServerConfig ReadTls(YamlCursor node, string folder)
    {
        var map = node.Map(TlsKnown, TlsUnsupported);
        var cert = ExistingFile(map.Required("cert_file"), folder);
        var key = ExistingFile(map.Required("key_file"), folder);
        var auth = ClientAuthType.NoClientCert;
        if (map.Get("client_auth_type") is { } authNode && !Enum.TryParse(authNode.Text(), ignoreCase: false, out auth))
        {
            throw authNode.Error("must be one of NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert");
        }
        var ca = map.Get("client_ca_file") is { } caNode ? ExistingFile(caNode, folder) : null;
        if (ca is null && auth is ClientAuthType.VerifyClientCertIfGiven or ClientAuthType.RequireAndVerifyClientCert)
        {
            throw node.Error($"client_ca_file is required to verify client certificates ({auth})");
        }
        var min = map.Get("min_version") is { } minNode ? Version(minNode) : SslProtocols.Tls12;
        var max = map.Get("max_version") is { } maxNode ? Version(maxNode) : SslProtocols.Tls13;
        if (max < min)
        {
            throw node.Error("max_version is below min_version");
        }
        return new TlsServerConfig
        {
            CertFile = cert,
            KeyFile = key,
            ClientAuth = auth,
            ClientCaFile = ca,
            Protocols = min == max ? min : min | max,
            CipherSuites = [.. (map.Get("cipher_suites")?.Items() ?? []).Select(Cipher)],
        };
    }

    private static string ExistingFile(YamlCursor node, string folder)
    {
        var path = Path.Combine(folder, node.Text());
        return File.Exists(path) ? path : throw node.Error($"no such file: {path}");
    }

    private static SslProtocols Version(YamlCursor node) => node.Text() switch
    {
        "TLS12" => SslProtocols.Tls12,
        "TLS13" => SslProtocols.Tls13,
        "TLS10" or "TLS11" => throw node.Error("TLS 1.0 and 1.1 are not offered (give TLS12 or TLS13)"),
        var other => throw node.Error($"unknown TLS version \"{other}\" (TLS12 or TLS13)"),
    };

    private static TlsCipherSuite Cipher(YamlCursor node)
    {
        var name = node.Text();
        // Go also accepts the ChaCha20 suites without their hash suffix; .NET names them with it.
        var iana = name.EndsWith("_POLY1305", StringComparison.Ordinal) ? name + "_SHA256" : name;
        return name.StartsWith("TLS_", StringComparison.Ordinal) && Enum.TryParse<TlsCipherSuite>(iana, out var suite)
            ? suite
            : throw node.Error($"unknown cipher suite \"{name}\" (Go's names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
    }

    private static Dictionary<string, string> ReadHeaders(YamlCursor? node)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (node is null)
        {
            return headers;
        }
        foreach (var (name, value) in node.Map(HttpKnown).Get("headers")?.Entries() ?? [])
        {
            headers[name] = AllowedHeaders.Contains(name)
                ? value.Text()
                : throw value.Error($"header \"{name}\" cannot be set (allowed: {string.Join(", ", AllowedHeaders)})");
        }
        return headers;
    }
}
