using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Security;

/// <summary>What each token scope sees of secrets: the status config is masked for everyone (as Alertmanager does);
/// ping ids and target URLs are shown to write and admin tokens only.</summary>
public sealed class SecretsVisibilityTests
{
    private const string RoutingKey = "R0UT1NGKEY-7f3a9c";
    private const string PingId = "0b5e8f3c-2f1d-4d67-9a51-4a4fd3c1e1a2";
    private const string SmtpPassword = "smtp-hunter2-pass";
    private const string ProbeToken = "Bearer probe-token-93c1";
    private const string SlackPath = "services/T0001/B0001/XXXXXXXXsecret";

    private static string ConfigWithEverySecretKind(string hookUrl) => $$"""
        # Grafana pages through {{RoutingKey}}.
        route:
          receiver: hook
          group_wait: 0s
        receivers:
          - name: hook
            webhook_configs:
              - url: {{hookUrl}}{{SlackPath}}
        escalation_policies:
          - name: ops
            levels: [{targets: [{person: alice}]}]
        people:
          - name: alice
            contact_methods: [{type: slack, url: "{{hookUrl}}slack/{{SlackPath}}"}]
        pagerduty:
          routing_keys:
            {{RoutingKey}}: {policy: ops}
        smtp:
          host: 127.0.0.1
          username: vigil
          password: "{{SmtpPassword}}"
        heartbeats:
          - name: nightly-backup
            uuid: {{PingId}}
            period: 1d
        probes:
          - name: shop
            interval: 1h
            http:
              url: http://127.0.0.1:9/health
              headers: {Authorization: {{ProbeToken}}}
        """;

    [Theory]
    [InlineData("read")]
    [InlineData("admin")]
    public async Task Status_ShowsNoSecret_ToAnyScope_AndOnlyTheAlertmanagerPart(string scope)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", ConfigWithEverySecretKind(hook.Url));
        using var client = vigil.CreateClient(scope == "admin" ? vigil.AdminToken : await vigil.CreateTokenAsync(scope));

        var body = await client.GetStringAsync("api/v2/status");
        var shown = JsonNode.Parse(body)!["config"]!["original"]!.ToString();

        foreach (var secret in new[] { RoutingKey, PingId, SmtpPassword, ProbeToken, SlackPath, "probe-token" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }
        Assert.Contains($"url: {new Uri(hook.Url).GetLeftPart(UriPartial.Authority)}/<secret>", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("escalation_policies", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWholeConfig_IsShownToAdminTokens_WithEverySecretMasked_AndToNoOneElse()
    {
        await using var hook = await WebhookCollector.StartAsync();
        var yaml = ConfigWithEverySecretKind(hook.Url);
        await using var vigil = await VigilInstance.StartAsync("sqlite", yaml);

        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));
        using var writer = vigil.CreateClient(await vigil.CreateTokenAsync("write"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await reader.GetAsync("api/v1/config")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await writer.GetAsync("api/v1/config")).StatusCode);

        var shown = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/config"))!["original"]!.ToString();
        var expected = yaml
            .Replace($"# Grafana pages through {RoutingKey}.", "# Grafana pages through <secret>.", StringComparison.Ordinal)
            .Replace($"url: {hook.Url}{SlackPath}", $"url: {new Uri(hook.Url).GetLeftPart(UriPartial.Authority)}/<secret>", StringComparison.Ordinal)
            .Replace($"url: \"{hook.Url}slack/{SlackPath}\"", "url: <secret>", StringComparison.Ordinal)
            .Replace($"{RoutingKey}: {{policy: ops}}", "<secret-1>: {policy: ops}", StringComparison.Ordinal)
            .Replace($"password: \"{SmtpPassword}\"", "password: <secret>", StringComparison.Ordinal)
            .Replace($"uuid: {PingId}", "uuid: <secret>", StringComparison.Ordinal)
            .Replace($"Authorization: {ProbeToken}", "Authorization: <secret>", StringComparison.Ordinal);
        Assert.Equal(expected, shown);
    }

    [Fact]
    public async Task AmtoolConfigShow_WorksAndShowsNoSecret()
    {
        ExternalTool.Require("/usr/bin/amtool");
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", ConfigWithEverySecretKind(hook.Url));
        var httpConfig = Path.Combine(Path.GetDirectoryName(vigil.Options.ConfigPath)!, "amtool-http.yml");
        await File.WriteAllTextAsync(httpConfig, $"authorization: {{type: Bearer, credentials: {await vigil.CreateTokenAsync("read")}}}\n");

        var show = await ExternalTool.RunAsync("/usr/bin/amtool", "--alertmanager.url=" + vigil.Url, "--http.config.file=" + httpConfig, "config", "show");

        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("/<secret>", show.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackPath, show.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(RoutingKey, show.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(SmtpPassword, show.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task HeartbeatPingIds_AreShownToWriteTokens_AndMaskedForReadTokens(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + $"\nheartbeats:\n  - name: cfg\n    uuid: {PingId}\n    period: 1h\n");
        using var writer = vigil.CreateClient(await vigil.CreateTokenAsync("write"));
        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));
        var created = await writer.PostAsync("api/v1/heartbeats", new StringContent("""{"name":"api","period":"1h"}""", Encoding.UTF8, "application/json"));
        var apiId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.ToString();

        var seenByWriter = await writer.GetStringAsync("api/v1/heartbeats");
        Assert.Contains(PingId, seenByWriter, StringComparison.Ordinal);
        Assert.Contains($"/hb/{apiId}/fail", seenByWriter, StringComparison.Ordinal);

        var seenByReader = JsonNode.Parse(await reader.GetStringAsync("api/v1/heartbeats"))!.AsArray();
        Assert.Equal(2, seenByReader.Count);
        foreach (var hb in seenByReader)
        {
            Assert.Equal("<secret>", hb!["id"]!.ToString());
            Assert.EndsWith("/hb/<secret>", hb["pingUrl"]!.ToString(), StringComparison.Ordinal);
            Assert.EndsWith("/hb/<secret>/start", hb["startUrl"]!.ToString(), StringComparison.Ordinal);
        }
        var one = await reader.GetStringAsync("api/v1/heartbeats/cfg");
        Assert.DoesNotContain(PingId, one, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"cfg\"", one, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task NotificationTargetUrls_AreShownToWriteTokens_AndMaskedForReadTokens(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url + SlackPath));
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Masked"}}]""");
        await hook.WaitForAsync(1);
        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));
        using var writer = vigil.CreateClient(await vigil.CreateTokenAsync("write"));

        var full = await Eventually.GetAsync(() => writer.GetStringAsync("api/v1/notifications"), t => t.Contains("delivered", StringComparison.Ordinal));
        Assert.Equal(hook.Url + SlackPath, JsonNode.Parse(full)!.AsArray()[0]!["url"]!.ToString());

        var masked = await reader.GetStringAsync("api/v1/notifications");
        Assert.DoesNotContain(SlackPath, masked, StringComparison.Ordinal);
        Assert.Equal(new Uri(hook.Url).GetLeftPart(UriPartial.Authority) + "/<secret>", JsonNode.Parse(masked)!.AsArray()[0]!["url"]!.ToString());
    }

    [Fact]
    public async Task AProbeUrlsPassword_IsShownToNoOne()
    {
        var yaml = Configs.Minimal + "\nprobes:\n  - name: shop\n    interval: 1h\n    http: {url: 'http://probe:pr0be-pass@127.0.0.1:9/health'}\n";
        await using var vigil = await VigilInstance.StartAsync("sqlite", yaml);

        var probe = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/probes/shop"))!;

        Assert.Equal("http://127.0.0.1:9/health", probe["target"]!.ToString());
        Assert.DoesNotContain("pr0be-pass", await vigil.Http.GetStringAsync("api/v2/status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeoplesSlackUrls_AreMaskedForReadTokens_AndEmailAddressesKept()
    {
        await using var hook = await WebhookCollector.StartAsync();
        var yaml = Configs.Minimal + $$"""

            people:
              - name: alice
                email: alice@example.com
                contact_methods: [{type: slack, url: "{{hook.Url}}{{SlackPath}}"}]
            """;
        await using var vigil = await VigilInstance.StartAsync("sqlite", yaml);
        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));

        var alice = JsonNode.Parse(await reader.GetStringAsync("api/v1/people/alice"))!;

        var addresses = alice["contactMethods"]!.AsArray().Select(m => m!["address"]!.ToString()).ToList();
        Assert.Contains("alice@example.com", addresses);
        Assert.Contains(new Uri(hook.Url).GetLeftPart(UriPartial.Authority) + "/<secret>", addresses);
        Assert.Contains(hook.Url + SlackPath, await vigil.Http.GetStringAsync("api/v1/people"), StringComparison.Ordinal);
    }
}
