using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary><c>discord_configs</c> against a real Alertmanager 0.25 on the same configuration and alerts: the same webhook body.</summary>
public sealed class DiscordReceiverTests
{
    private const string TwoAlerts = """
        [{"labels":{"alertname":"CertExpiry","severity":"warning","host":"www.example.com","job":"blackbox"},
          "annotations":{"summary":"Certificate of <www.example.com> expires in 6 days & counting","description":"Renew it — ✓"},
          "generatorURL":"http://prometheus:9090/graph?g0.expr=probe&g0.tab=1","startsAt":"@START@"},
         {"labels":{"alertname":"CertExpiry","severity":"warning","host":"api.example.com","job":"blackbox"},
          "annotations":{"summary":"Certificate of api.example.com expires in 3 days"},"startsAt":"@START@"}]
        """;

    [Fact]
    public async Task DefaultTemplates_SendTheSameWebhookAsAlertmanager()
    {
        await using var both = await SideBySide.StartAsync(sink => $"""
            route:
              receiver: chat
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: chat
                discord_configs:
                  - webhook_url: {sink}/api/webhooks/123/s3cret-hook-token
            """);
        var start = AlertTimes.Now();
        await both.PostAsync(AlertTimes.Stamp(TwoAlerts, start));
        var (am, vigil) = await both.WaitForAsync(1);

        SameRequest.Assert(am[0], vigil[0]);
        var embed = JsonNode.Parse(vigil[0].Text)!["embeds"]![0]!;
        Assert.Equal("[FIRING:2] CertExpiry (blackbox warning)", embed["title"]!.ToString());
        Assert.Equal(0x992D22, (int)embed["color"]!);
    }

    [Fact]
    public async Task CustomTemplatesFromAFile_SendTheSameWebhookAsAlertmanager()
    {
        var dir = Directory.CreateTempSubdirectory("discord-tmpl-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "discord.tmpl"), """
            {{ define "discord.ops.title" }}{{ if eq .Status "firing" }}🔥{{ else }}✅{{ end }} {{ .CommonLabels.alertname }} on {{ len .Alerts }} hosts{{ end }}
            {{ define "discord.ops.message" }}{{ range .Alerts }}**{{ .Labels.host }}** {{ .Annotations.summary }}
            {{ end }}{{ printf "%q" .CommonLabels.job }}{{ end }}
            """);
        await using var both = await SideBySide.StartAsync(sink => $$$"""
            templates: ['{{{dir}}}/*.tmpl']
            route:
              receiver: chat
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: chat
                discord_configs:
                  - webhook_url: {{{sink}}}/api/webhooks/1/a
                    title: '{{ template "discord.ops.title" . }}'
                    message: '{{ template "discord.ops.message" . }}'
                  - webhook_url: {{{sink}}}/api/webhooks/2/b
                    title: ''
                    message:
            """);
        var start = AlertTimes.Now();
        await both.PostAsync(AlertTimes.Stamp(TwoAlerts, start));
        var (am, vigil) = await both.WaitForAsync(2);

        SameRequest.AssertAll(am.OrderBy(r => r.PathAndQuery, StringComparer.Ordinal).ToList(), vigil.OrderBy(r => r.PathAndQuery, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task FiringThenResolved_SendsBothAsAlertmanagerDoes_GreenWhenResolved()
    {
        await using var both = await SideBySide.StartAsync(sink => $"""
            route:
              receiver: chat
              group_by: [alertname]
              group_wait: 2s
              group_interval: 1s
            receivers:
              - name: chat
                discord_configs:
                  - webhook_url: {sink}/api/webhooks/9/z
            """);
        var start = AlertTimes.Now();
        await both.PostAsync(AlertTimes.Stamp(TwoAlerts, start));
        await both.WaitForAsync(1);
        await both.PostAsync(AlertTimes.Stamp("""
            [{"labels":{"alertname":"CertExpiry","severity":"warning","host":"www.example.com","job":"blackbox"},"startsAt":"@START@","endsAt":"@END@"},
             {"labels":{"alertname":"CertExpiry","severity":"warning","host":"api.example.com","job":"blackbox"},"startsAt":"@START@","endsAt":"@END@"}]
            """, start));
        var (am, vigil) = await both.WaitForAsync(2);

        SameRequest.AssertAll(am.Take(2).ToList(), vigil.Take(2).ToList());
        Assert.Equal(0x2ECC71, (int)JsonNode.Parse(vigil[1].Text)!["embeds"]![0]!["color"]!);
    }

    [Fact]
    public async Task WebhookUrl_IsNeverShown_NotEvenInAnError()
    {
        await using var sink = await RequestSink.StartAsync();
        sink.Status = 404;
        sink.ResponseBody = """{"message":"Unknown Webhook","code":10015}""";
        await using var vigil = await VigilInstance.StartAsync("sqlite", $"""
            route:
              receiver: chat
              group_wait: 0s
            receivers:
              - name: chat
                discord_configs:
                  - webhook_url: {sink.BaseUrl}/api/webhooks/77/hook-secret-part
            """);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A"}}]""");

        var notification = await SecretChecks.AssertNeverShownAsync(vigil, "failed", ["hook-secret-part", "/api/webhooks/77"], ["webhook_url"]);
        Assert.Equal(new Uri(sink.BaseUrl).GetLeftPart(UriPartial.Authority) + "/<secret>", notification["url"]!.ToString());
        // Discord says why only in the body; the error keeps it, as Alertmanager's does.
        Assert.Equal("""HTTP 404: {"message":"Unknown Webhook","code":10015}""", notification["lastError"]!.ToString());
    }
}
