using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary>
/// <c>msteams_configs</c>, which Alertmanager 0.26 added: Vigil posts the bytes 0.26 posts (<see cref="MsTeamsCards"/>),
/// retries only 5xx answers as 0.26 does, and never shows the webhook URL.
/// </summary>
public sealed class MsTeamsReceiverTests
{
    private const string Amtool = "/usr/bin/amtool";

    private static string Config(string sink) => $"""
        route:
          receiver: teams
          group_by: [alertname]
          group_wait: 1s
          group_interval: 1s
        receivers:
          - name: teams
            msteams_configs:
              - webhook_url: {sink}/webhookb2/3f2c-tenant/IncomingWebhook/7a1e-secret-part/9b2f
        """;

    [Fact]
    public async Task DefaultTemplates_PostTheMessageCardOfAlertmanager026_ByteForByte_WithTheGlobalHttpConfig()
    {
        await using var sink = await RequestSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", "global:\n  http_config:\n    basic_auth: {username: bot, password: teams-pass}\n"
            + Config(sink.BaseUrl));
        await vigil.PostAlertsAsync(MsTeamsCards.TwoAlerts);

        var request = (await sink.WaitForAsync(1))[0];
        Assert.Equal("POST", request.Method);
        Assert.Equal("/webhookb2/3f2c-tenant/IncomingWebhook/7a1e-secret-part/9b2f", request.PathAndQuery);
        Assert.Equal("application/json", request.Header("Content-Type"));
        // 0.26 falls back to global.http_config when the Teams config has none.
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bot:teams-pass")), request.Header("Authorization"));
        Assert.StartsWith("Vigil/", request.Header("User-Agent"));
        MsTeamsCards.AssertBody(MsTeamsCards.FiringCard, request);
    }

    [Fact]
    public async Task FiringThenBothResolved_SendsAGreenCardWithTheResolvedList()
    {
        await using var sink = await RequestSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config(sink.BaseUrl));
        await vigil.PostAlertsAsync(MsTeamsCards.TwoAlerts);
        await sink.WaitForAsync(1);
        var alerts = JsonNode.Parse(MsTeamsCards.TwoAlerts)!.AsArray();
        var now = AlertTimes.Now();
        alerts[0]!["endsAt"] = now;
        alerts[1]!["endsAt"] = now;
        await vigil.PostAlertsAsync(alerts.ToJsonString());

        var requests = await sink.WaitForAsync(2);
        MsTeamsCards.AssertBody(MsTeamsCards.FiringCard, requests[0]);
        MsTeamsCards.AssertBody(MsTeamsCards.ResolvedCard, requests[1]);
    }

    [Fact]
    public async Task OneResolvedThenTheOther_SendsARedCardWithBothListsThenAGreenOne()
    {
        await using var sink = await RequestSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config(sink.BaseUrl));
        await vigil.PostAlertsAsync(MsTeamsCards.TwoAlerts);
        await sink.WaitForAsync(1);
        var alerts = JsonNode.Parse(MsTeamsCards.TwoAlerts)!.AsArray();
        alerts[1]!["endsAt"] = AlertTimes.Now();
        await vigil.PostAlertsAsync(new JsonArray(alerts[1]!.DeepClone()).ToJsonString());
        await sink.WaitForAsync(2);
        alerts[0]!["endsAt"] = AlertTimes.Now();
        await vigil.PostAlertsAsync(new JsonArray(alerts[0]!.DeepClone()).ToJsonString());

        var requests = await sink.WaitForAsync(3);
        MsTeamsCards.AssertBody(MsTeamsCards.FiringCard, requests[0]);
        MsTeamsCards.AssertBody(MsTeamsCards.MixedCard, requests[1]);
        MsTeamsCards.AssertBody(MsTeamsCards.FirstResolvedCard, requests[2]);
    }

    [Fact]
    public async Task CustomTemplatesFromAFile_RenderTitleAndText_AndEmptyFieldsAreSentEmpty()
    {
        var dir = Directory.CreateTempSubdirectory("msteams-tmpl-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "teams.tmpl"), """
            {{ define "teams.ops.title" }}{{ if eq .Status "firing" }}🔥{{ else }}✅{{ end }} {{ .CommonLabels.alertname | toUpper }} on {{ len .Alerts }} hosts{{ end }}
            {{ define "teams.ops.text" }}{{ range .Alerts }}- **{{ .Labels.instance }}**: {{ .Annotations.summary }}
            {{ end }}{{ printf "%q" .CommonLabels.job }} · receiver {{ .Receiver }}{{ end }}
            """);
        await using var sink = await RequestSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", $$$"""
            templates: ['{{{dir}}}/*.tmpl']
            route:
              receiver: teams
              group_by: [alertname]
              group_wait: 1s
            receivers:
              - name: teams
                msteams_configs:
                  - webhook_url: {{{sink.BaseUrl}}}/hook/1
                    title: '{{ template "teams.ops.title" . }}'
                    text: '{{ template "teams.ops.text" . }}'
                  - webhook_url: {{{sink.BaseUrl}}}/hook/2
                    title: ''
                    text:
            """);
        await vigil.PostAlertsAsync(MsTeamsCards.TwoAlerts);

        var requests = (await sink.WaitForAsync(2)).OrderBy(r => r.PathAndQuery, StringComparer.Ordinal).ToList();
        MsTeamsCards.AssertBody(MsTeamsCards.Body("""
            {"@context":"http://schema.org/extensions","type":"MessageCard",
            "title":"🔥 DISKFULL on 2 hosts",
            "text":"- **db-1:9100**: Disk \u003c90%\u003e \u0026 rising\n- **db-2:9100**: Disk at 91%\n\"node\" · receiver teams",
            "themeColor":"8C1A1A"}
            """), requests[0]);
        // An empty title and a null text are empty strings to Go's YAML decoder: rendered as nothing, sent as "".
        MsTeamsCards.AssertBody(MsTeamsCards.Body("""
            {"@context":"http://schema.org/extensions","type":"MessageCard","title":"","text":"","themeColor":"8C1A1A"}
            """), requests[1]);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(429)] // 0.26's Teams notifier retries 5xx only
    public async Task Answer4xx_IsNotRetried_AndTheErrorKeepsTheAnswer(int status)
    {
        await using var sink = await RequestSink.StartAsync();
        sink.Status = status;
        sink.ResponseBody = "Bad payload received by generic incoming webhook.";
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config(sink.BaseUrl));
        await vigil.PostAlertsAsync(MsTeamsCards.TwoAlerts);

        var failed = await Eventually.GetAsync(() => Notifications(vigil), n => n.Any(x => x!["state"]!.ToString() == "failed"));
        var notification = Assert.Single(failed)!;
        Assert.Equal($"HTTP {status}: Bad payload received by generic incoming webhook.", notification["lastError"]!.ToString());
        Assert.Equal([status], notification["attempts"]!.AsArray().Select(a => (int)a!["statusCode"]!));
        MsTeamsCards.AssertBody(MsTeamsCards.FiringCard, Assert.Single(sink.Requests));
    }

    [Fact]
    public async Task Answer5xx_IsRetried_WithTheSameCard_UntilDelivered()
    {
        await using var sink = await RequestSink.StartAsync();
        sink.Status = 503;
        sink.ResponseBody = "busy";
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config(sink.BaseUrl));
        await vigil.PostAlertsAsync(MsTeamsCards.TwoAlerts);

        await sink.WaitForAsync(2);
        // The error is recorded once the quick retries are spent and the next attempt is scheduled.
        var retrying = await Eventually.GetAsync(() => Notifications(vigil), n => n.Count == 1 && n[0]!["lastError"] is not null);
        Assert.Equal("pending", retrying[0]!["state"]!.ToString());
        Assert.Equal("HTTP 503: busy", retrying[0]!["lastError"]!.ToString());
        sink.Status = 200;
        var delivered = await Eventually.GetAsync(() => Notifications(vigil), n => n.Any(x => x!["state"]!.ToString() == "delivered"));

        var codes = Assert.Single(delivered)!["attempts"]!.AsArray().Select(a => (int)a!["statusCode"]!).ToList();
        Assert.True(codes.Count >= 3, string.Join(",", codes));
        Assert.All(codes.Take(codes.Count - 1), c => Assert.Equal(503, c));
        Assert.Equal(200, codes[^1]);
        Assert.Equal(codes.Count, sink.Requests.Count);
        Assert.All(sink.Requests, r => MsTeamsCards.AssertBody(MsTeamsCards.FiringCard, r));
    }

    [Fact]
    public async Task WebhookUrl_IsNeverShown_AndConfigOriginalLeavesTeamsOut()
    {
        await using var sink = await RequestSink.StartAsync();
        sink.Status = 400;
        sink.ResponseBody = "Webhook Bad Request";
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config(sink.BaseUrl));
        await vigil.PostAlertsAsync(MsTeamsCards.TwoAlerts);

        // config.original has no msteams_configs at all (amtool 0.25 refuses the key), so no key there reads <secret>.
        var notification = await SecretChecks.AssertNeverShownAsync(vigil, "failed", ["7a1e-secret-part", "/webhookb2/"], []);
        Assert.Equal(new Uri(sink.BaseUrl).GetLeftPart(UriPartial.Authority) + "/<secret>", notification["url"]!.ToString());
        Assert.Equal("msteams", notification["integration"]!.ToString());
        var status = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/status"))!;
        Assert.DoesNotContain("msteams", status["config"]!["original"]!.ToString(), StringComparison.Ordinal);
        // Vigil's whole configuration (admin) keeps the Teams config, its URL masked.
        var full = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/config"))!["original"]!.ToString();
        Assert.Contains("- webhook_url: <secret>", full, StringComparison.Ordinal);
        Assert.DoesNotContain("7a1e-secret-part", full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AmtoolConfigShowAndRoutes_WorkWithMsTeamsConfigs()
    {
        ExternalTool.Require(Amtool);
        await using var vigil = await VigilInstance.StartAsync("sqlite", """
            route:
              receiver: teams
              routes:
                - matchers: ['severity="info"']
                  receiver: hook
            receivers:
              - name: teams
                msteams_configs:
                  - webhook_url: https://contoso.webhook.office.com/webhookb2/3f2c/IncomingWebhook/7a1e-secret-part/9b2f
                    title: '{{ .CommonLabels.alertname }}'
              - name: hook
                webhook_configs:
                  - url: http://127.0.0.1:9/hook
            """);
        var http = await Compatibility.AmtoolTests.WriteHttpConfigAsync(vigil);

        var show = await ExternalTool.RunAsync(Amtool, "--alertmanager.url=" + vigil.Url, "--http.config.file=" + http, "config", "show");
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("name: teams", show.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("msteams", show.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("7a1e-secret-part", show.Stdout, StringComparison.Ordinal);

        var test = await ExternalTool.RunAsync(Amtool, "--alertmanager.url=" + vigil.Url, "--http.config.file=" + http,
            "config", "routes", "test", "severity=critical");
        Assert.True(test.ExitCode == 0, test.Stderr);
        Assert.Equal("teams", test.Stdout.Trim());
    }

    private static async Task<JsonArray> Notifications(VigilInstance vigil) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/notifications"))!.AsArray();
}
