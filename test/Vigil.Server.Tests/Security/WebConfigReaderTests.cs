using Vigil.Server.Config;
using Vigil.Server.Security;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Security;

/// <summary>The web configuration file's errors name the file, line and key, as the exporter toolkit's strict parser refuses them.</summary>
public sealed class WebConfigReaderTests
{
    private const string Tls = "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n";

    [Theory]
    [InlineData("tls_server_config:\n  cert_file: server.crt\n", 2, "tls_server_config.key_file", "required")]
    [InlineData("tls_server_config:\n  cert_file: missing.crt\n  key_file: server.key\n", 2, "tls_server_config.cert_file", "no such file")]
    [InlineData(Tls + "  client_auth_type: RequireAndVerifyClientCert\n", 2, "tls_server_config", "client_ca_file is required")]
    [InlineData(Tls + "  client_auth_type: Always\n", 4, "tls_server_config.client_auth_type", "must be one of NoClientCert")]
    [InlineData(Tls + "  min_version: TLS10\n", 4, "tls_server_config.min_version", "TLS 1.0 and 1.1 are not offered")]
    [InlineData(Tls + "  min_version: TLS13\n  max_version: TLS12\n", 2, "tls_server_config", "max_version is below min_version")]
    [InlineData(Tls + "  cipher_suites: [TLS_NOPE]\n", 4, "tls_server_config.cipher_suites[0]", "unknown cipher suite \"TLS_NOPE\"")]
    [InlineData("basic_auth_users:\n  alice: plain-password\n", 2, "basic_auth_users.alice", "not a bcrypt hash")]
    [InlineData("basic_auth_scopes:\n  bob: admin\n", 2, "basic_auth_scopes", "\"bob\" is not one of basic_auth_users")]
    [InlineData("http_server_config:\n  headers:\n    Server: nginx\n", 3, "http_server_config.headers.Server", "header \"Server\" cannot be set")]
    [InlineData("tls_config:\n  cert_file: x\n", 1, "tls_config", "")]
    public void AnInvalidWebConfig_IsRefusedNamingLineAndKey(string yaml, int line, string key, string reason)
    {
        using var certs = TestCertificates.Create();
        certs.IssueServer("server");
        var e = Assert.Throws<ConfigException>(() => WebConfigReader.Read(yaml, "web.yml", certs.Folder));
        Assert.Equal((line, key), (e.Line, e.Key));
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AGoodWebConfig_ReadsEveryKey()
    {
        using var certs = TestCertificates.Create();
        certs.IssueServer("server");
        var web = WebConfigReader.Read(Tls + """
              client_auth_type: VerifyClientCertIfGiven
              client_ca_file: ca.pem
              min_version: TLS13
              cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305]
            http_server_config:
              http2: true
              headers: {X-Frame-Options: deny}
            basic_auth_users:
              alice: $2y$10$abcdefghijklmnopqrstuuKy3Qz8oGZr3nJY2Yb3Jv0hk1HoQ1cGm
            basic_auth_scopes: {alice: admin}
            """, "web.yml", certs.Folder);
        Assert.Equal(ClientAuthType.VerifyClientCertIfGiven, web.Tls!.ClientAuth);
        Assert.Equal(Path.Combine(certs.Folder, "ca.pem"), web.Tls.ClientCaFile);
        Assert.Equal(System.Security.Authentication.SslProtocols.Tls13, web.Tls.Protocols);
        Assert.Equal(2, web.Tls.CipherSuites.Count);
        Assert.Equal("deny", web.Headers["X-Frame-Options"]);
        Assert.Equal(Vigil.Server.Security.Scope.Admin, web.Users["alice"].Scope);
    }
}
