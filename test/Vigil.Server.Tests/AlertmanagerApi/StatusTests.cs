using System.Net;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.AlertmanagerApi;

public sealed class StatusTests
{
    [Fact]
    public async Task Status_ShowsTheLoadedConfigText_AndClusteringDisabled()
    {
        var yaml = Configs.Minimal;
        await using var vigil = await VigilInstance.StartAsync("sqlite", yaml);
        var status = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/status"))!;
        Assert.Equal(yaml, status["config"]!["original"]!.ToString());
        Assert.Equal("disabled", status["cluster"]!["status"]!.ToString());
        Assert.NotNull(status["versionInfo"]!["version"]);
        var receivers = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/receivers"))!.AsArray();
        Assert.Equal("none", Assert.Single(receivers)!["name"]!.ToString());
    }

    [Fact]
    public async Task Reload_SwapsAValidConfig_AndKeepsTheOldOneOnError()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        await File.WriteAllTextAsync(vigil.Options.ConfigPath!, "route:\n  receiver: other\nreceivers:\n  - name: other\n");
        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.PostAsync("-/reload", null)).StatusCode);
        Assert.Contains("other", await vigil.Http.GetStringAsync("api/v2/receivers"), StringComparison.Ordinal);

        await File.WriteAllTextAsync(vigil.Options.ConfigPath!, "route:\n  receiver: other\n  group_wait: 5x\nreceivers:\n  - name: other\n");
        var failed = await vigil.Http.PostAsync("-/reload", null);
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        var detail = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!["detail"]!.ToString();
        Assert.Contains(":3:", detail, StringComparison.Ordinal);
        Assert.Contains("group_wait", detail, StringComparison.Ordinal);
        Assert.Contains("other", await vigil.Http.GetStringAsync("api/v2/receivers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_CountReceivedAndInvalidAlerts_AndSentNotifications()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Webhook(hook.Url));
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Counted"}}]""");
        await vigil.PostAlertsAsync("""[{"labels":{}}]""");
        await hook.WaitForAsync(1);
        using var anonymous = vigil.CreateClient(null);
        string text = "";
        for (var i = 0; i < 50 && !text.Contains("vigil_notifications_sent_total{", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            text = await anonymous.GetStringAsync("metrics");
        }
        Assert.Contains("vigil_alerts_received_total{status=\"firing\"}", text, StringComparison.Ordinal);
        Assert.Contains("vigil_alerts_invalid_total", text, StringComparison.Ordinal);
        Assert.Contains("vigil_alerts{state=\"active\"}", text, StringComparison.Ordinal);
        Assert.Contains("vigil_notifications_sent_total{receiver=\"hook\",integration=\"webhook\"}", text, StringComparison.Ordinal);
        Assert.Contains("vigil_dispatch_latency_seconds_bucket", text, StringComparison.Ordinal);
    }
}
