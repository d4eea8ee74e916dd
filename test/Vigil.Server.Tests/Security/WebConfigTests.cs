using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Security;

/// <summary><c>vigil server --web.config.file</c>: HTTPS, mutual TLS, basic-auth users and headers, the Prometheus way.</summary>
public sealed class WebConfigTests
{
    [Fact]
    public async Task Https_ServesTheApiWithTheConfiguredCertificate_AndSetsTheConfiguredHeaders()
    {
        using var certs = TestCertificates.Create();
        var server = certs.IssueServer("server");
        var web = await WriteAsync(certs, $"""
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            http_server_config:
              headers:
                Strict-Transport-Security: max-age=31536000
            """);
        await using var vigil = await VigilInstance.StartWithWebConfigAsync(Configs.Minimal, web, () => certs.Handler());

        Assert.StartsWith("https://", vigil.Url, StringComparison.Ordinal);
        using var response = await vigil.Http.GetAsync("api/v2/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal(server.Thumbprint, await PresentedThumbprintAsync(vigil.Url, certs));

        using var plain = new HttpClient();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync(vigil.Url.Replace("https://", "http://", StringComparison.Ordinal).TrimEnd('/') + "/-/healthy"));
    }

    [Fact]
    public async Task MutualTls_RefusesClientsWithoutACertificateFromTheClientCa()
    {
        using var certs = TestCertificates.Create();
        using var strangers = TestCertificates.Create("other-ca");
        certs.IssueServer("server");
        var prometheus = certs.IssueClient("prometheus", "prometheus");
        var stranger = strangers.IssueClient("stranger", "stranger");
        var web = await WriteAsync(certs, $"""
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.pem
            """);
        await using var vigil = await VigilInstance.StartWithWebConfigAsync(Configs.Minimal, web, () => certs.Handler(prometheus));

        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.GetAsync("api/v2/status")).StatusCode);
        foreach (var handler in new[] { certs.Handler(), certs.Handler(stranger) })
        {
            using var client = new HttpClient(handler) { BaseAddress = new Uri(vigil.Url.TrimEnd('/') + "/") };
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync("-/healthy"));
        }
    }

    [Fact]
    public async Task BasicAuthUsers_ActWithTheirScope_AWrongPasswordIs401_AndTokensStillWork()
    {
        using var certs = TestCertificates.Create();
        certs.IssueServer("server");
        var web = await WriteAsync(certs, $"""
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            basic_auth_users:
              prometheus: {BCrypt.Net.BCrypt.HashPassword("send-alerts", 4)}
              grafana: {BCrypt.Net.BCrypt.HashPassword("look-only", 4)}
            basic_auth_scopes:
              grafana: read
            """);
        await using var vigil = await VigilInstance.StartWithWebConfigAsync(Configs.Minimal, web, () => certs.Handler());

        using var prometheus = Client(vigil, certs, "prometheus", "send-alerts");
        using var grafana = Client(vigil, certs, "grafana", "look-only");
        using var wrong = Client(vigil, certs, "prometheus", "guess");
        const string alert = """[{"labels":{"alertname":"OverTls"}}]""";
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync(alert, prometheus)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await grafana.GetAsync("api/v2/alerts")).StatusCode);
        var refused = await vigil.PostAlertsAsync(alert, grafana);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("user 'grafana' has scope 'read'", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var denied = await wrong.GetAsync("api/v2/alerts");
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Contains("Basic", denied.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Single(await vigil.GetAlertsAsync()); // the admin token of vigil.Http
    }

    [Fact]
    public async Task ARenewedCertificate_IsServedWithoutARestart()
    {
        using var certs = TestCertificates.Create();
        var first = certs.IssueServer("server", "first");
        var web = await WriteAsync(certs, "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
        await using var vigil = await VigilInstance.StartWithWebConfigAsync(Configs.Minimal, web, () => certs.Handler());
        Assert.Equal(first.Thumbprint, await PresentedThumbprintAsync(vigil.Url, certs));

        var renewed = certs.IssueServer("server", "renewed");
        File.SetLastWriteTimeUtc(certs.CertFile("server"), TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(5)); // a coarse file clock must still see a change
        var presented = await Eventually.GetAsync(() => PresentedThumbprintAsync(vigil.Url, certs), t => t == renewed.Thumbprint);
        Assert.Equal(renewed.Thumbprint, presented);
    }

    [Fact]
    public async Task Amtool_TalksToVigilOverHttps_WithBasicAuth()
    {
        ExternalTool.Require("/usr/bin/amtool");
        using var certs = TestCertificates.Create();
        certs.IssueServer("server");
        var web = await WriteAsync(certs, $"""
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            basic_auth_users:
              ops: {BCrypt.Net.BCrypt.HashPassword("s3cret", 4)}
            """);
        await using var vigil = await VigilInstance.StartWithWebConfigAsync(Configs.Minimal, web, () => certs.Handler());
        var http = Path.Combine(certs.Folder, "amtool-http.yml");
        await File.WriteAllTextAsync(http, $"basic_auth:\n  username: ops\n  password: s3cret\ntls_config:\n  ca_file: {certs.CaFile}\n");

        var add = await ExternalTool.RunAsync("/usr/bin/amtool", "--alertmanager.url=" + vigil.Url, "--http.config.file=" + http, "alert", "add", "TlsAlert");
        Assert.True(add.ExitCode == 0, add.Stderr);
        var query = await ExternalTool.RunAsync("/usr/bin/amtool", "--alertmanager.url=" + vigil.Url, "--http.config.file=" + http, "alert", "query");
        Assert.Contains("TlsAlert", query.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnHttpsOnlyPagerDutyClient_PagesVigilThroughTheWebConfigsTls()
    {
        // Alertmanager's PagerDuty integration is such a client: it posts to an https URL and checks the certificate.
        using var certs = TestCertificates.Create();
        certs.IssueServer("server");
        var web = await WriteAsync(certs, """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
            """);
        await using var vigil = await VigilInstance.StartWithWebConfigAsync("""
            route:
              receiver: none
            receivers:
              - name: none
            pagerduty:
              routing_keys:
                0123456789abcdef0123456789abcdef: {route_labels: {team: db}}
            """, web, () => certs.Handler());
        using var am = await RealAlertmanager.StartAsync($"""
            route:
              receiver: pd
              group_wait: 1s
            receivers:
              - name: pd
                pagerduty_configs:
                  - routing_key: 0123456789abcdef0123456789abcdef
                    url: {vigil.Url.TrimEnd('/')}/v2/enqueue
                    http_config:
                      tls_config:
                        ca_file: {certs.CaFile}
            """);
        Assert.StartsWith("https://", vigil.Url, StringComparison.Ordinal);

        using var posted = await am.Http.PostAsync("api/v2/alerts",
            new StringContent("""[{"labels":{"alertname":"ReplicaLag","severity":"critical"}}]""", Encoding.UTF8, "application/json"));
        Assert.True(posted.IsSuccessStatusCode);

        var alerts = await Eventually.GetAsync(() => vigil.GetAlertsAsync(), a => a.Count == 1);
        var labels = Assert.Single(alerts)!["labels"]!;
        Assert.Equal("ReplicaLag", labels["alertname"]!.ToString());
        Assert.Equal("db", labels["team"]!.ToString());
    }

    private static async Task<string> WriteAsync(TestCertificates certs, string yaml)
    {
        var path = Path.Combine(certs.Folder, "web.yml");
        await File.WriteAllTextAsync(path, yaml);
        return path;
    }

    private static HttpClient Client(VigilInstance vigil, TestCertificates certs, string user, string password)
    {
        var client = new HttpClient(certs.Handler()) { BaseAddress = new Uri(vigil.Url.TrimEnd('/') + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        return client;
    }

    /// <summary>The thumbprint of the certificate the server presents on a new connection.</summary>
    private static async Task<string> PresentedThumbprintAsync(string url, TestCertificates certs)
    {
        string? seen = null;
        using var handler = certs.Handler();
        var trust = handler.ServerCertificateCustomValidationCallback!;
        handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
        {
            seen = certificate?.Thumbprint;
            return trust(message, certificate, chain, errors);
        };
        using var client = new HttpClient(handler);
        (await client.GetAsync(url.TrimEnd('/') + "/-/healthy")).EnsureSuccessStatusCode();
        return seen!;
    }
}
