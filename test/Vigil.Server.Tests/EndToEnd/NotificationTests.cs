using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.EndToEnd;

/// <summary>Alerts in, webhooks out, through a real server and a real loopback receiver.</summary>
public sealed class NotificationTests
{
    [Theory]
    [MemberData(nameof(Engines.EndToEnd), MemberType = typeof(Engines))]
    public async Task FiringAlert_IsDelivered_AsAlertmanagerWebhookV4(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        // A cluster gets the alert from Prometheus at both nodes, and sends it once.
        await using var vigil = await VigilDeployment.StartAsync(engine, Configs.Webhook(hook.Url), ClusterIngest.EveryNode);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"DiskFull","host":"db-1"},"annotations":{"summary":"disk full"}}]""");

        var message = (await hook.WaitForAsync(1))[0].Body;
        Assert.Equal("4", message["version"]!.ToString());
        Assert.Equal("firing", message["status"]!.ToString());
        Assert.Equal("hook", message["receiver"]!.ToString());
        Assert.Equal("{}:{alertname=\"DiskFull\"}", message["groupKey"]!.ToString());
        Assert.Equal("DiskFull", message["groupLabels"]!["alertname"]!.ToString());
        Assert.Equal("db-1", message["commonLabels"]!["host"]!.ToString());
        Assert.Equal("disk full", message["commonAnnotations"]!["summary"]!.ToString());
        var alert = Assert.Single(message["alerts"]!.AsArray())!;
        Assert.Equal("firing", alert["status"]!.ToString());
        Assert.Equal("0001-01-01T00:00:00Z", alert["endsAt"]!.ToString());
        Assert.Equal(16, alert["fingerprint"]!.ToString().Length);
        Assert.Equal(vigil.Url.TrimEnd('/'), message["externalURL"]!.ToString());
    }

    [Fact]
    public async Task AlertsArrivingWithinGroupWait_AreSentTogether_Once()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Webhook(hook.Url, groupWait: "1s", groupInterval: "1s"));
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Down","host":"a"}}]""");
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Down","host":"b"}}]""");
        var messages = await hook.WaitForAsync(1);
        Assert.Equal(2, messages[0].Body["alerts"]!.AsArray().Count);
        await hook.AssertStaysAtAsync(1, TimeSpan.FromSeconds(2.5)); // unchanged group: nothing until repeat_interval
    }

    [Theory]
    [MemberData(nameof(Engines.EndToEnd), MemberType = typeof(Engines))]
    public async Task ResolvedAlert_IsNotified_WhenSendResolved(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        // A cluster gets alerts through a load balancer: the firing alert reaches one node, its resolution the other.
        await using var vigil = await VigilDeployment.StartAsync(engine, Configs.Webhook(hook.Url), ClusterIngest.LoadBalancer);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Flap"}}]""");
        await hook.WaitForAsync(1);
        var now = TimeProvider.System.GetUtcNow().ToString("O");
        Assert.True((await vigil.PostAlertsAsync($$"""[{"labels":{"alertname":"Flap"},"endsAt":"{{now}}"}]""")).IsSuccessStatusCode);
        var messages = await hook.WaitForAsync(2);
        Assert.Equal("resolved", messages[1].Body["status"]!.ToString());
        Assert.Equal("resolved", messages[1].Body["alerts"]![0]!["status"]!.ToString());
    }

    [Fact]
    public async Task ResolvedAlert_IsNotSent_WithoutSendResolved()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Webhook(hook.Url, sendResolved: false));
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Quiet"}}]""");
        await hook.WaitForAsync(1);
        var now = TimeProvider.System.GetUtcNow().ToString("O");
        await vigil.PostAlertsAsync($$"""[{"labels":{"alertname":"Quiet"},"endsAt":"{{now}}"}]""");
        await hook.AssertStaysAtAsync(1, TimeSpan.FromSeconds(2.5));
    }

    [Theory]
    [MemberData(nameof(Engines.EndToEnd), MemberType = typeof(Engines))]
    public async Task InhibitedAlert_IsNotSent_AndShowsSuppressed(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        var inhibit = """
            inhibit_rules:
              - source_matchers: ['severity="critical"']
                target_matchers: ['severity="warning"']
                equal: [host]
            """;
        // A cluster gets the alerts from Prometheus at both nodes; each node inhibits alike.
        await using var vigil = await VigilDeployment.StartAsync(engine, Configs.Webhook(hook.Url, groupWait: "1s", extra: inhibit).Replace("group_by: [alertname]", "group_by: ['...']", StringComparison.Ordinal), ClusterIngest.EveryNode);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"HostDown","severity":"critical","host":"lb-1"}},{"labels":{"alertname":"HighLatency","severity":"warning","host":"lb-1"}},{"labels":{"alertname":"HighLatency","severity":"warning","host":"lb-2"}}]""");
        await hook.WaitForAsync(2);
        await hook.AssertStaysAtAsync(2, TimeSpan.FromSeconds(2));
        var hosts = hook.Messages.Select(m => m.Body["alerts"]![0]!["labels"]!).Select(l => $"{l["alertname"]}/{l["host"]}").Order().ToList();
        Assert.Equal(["HighLatency/lb-2", "HostDown/lb-1"], hosts);

        var suppressed = await vigil.GetAlertsAsync("?filter=" + Uri.EscapeDataString("host=\"lb-1\",severity=\"warning\""));
        var status = Assert.Single(suppressed)!["status"]!;
        Assert.Equal("suppressed", status["state"]!.ToString());
        Assert.Single(status["inhibitedBy"]!.AsArray());
        Assert.Equal(2, (await vigil.GetAlertsAsync("?inhibited=false")).Count);
    }

    [Theory]
    [MemberData(nameof(Engines.EndToEnd), MemberType = typeof(Engines))]
    public async Task FailingReceiver_IsRetried_AndEveryAttemptIsVisible(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        hook.FailNext(2, 503);
        // A cluster gets the alert through a load balancer; the outbox is read from either node.
        await using var vigil = await VigilDeployment.StartAsync(engine, Configs.Webhook(hook.Url), ClusterIngest.LoadBalancer);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Retry"}}]""");
        await hook.WaitForAsync(1, TimeSpan.FromSeconds(20));

        JsonArray notifications = [];
        for (var i = 0; i < 50; i++)
        {
            notifications = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/notifications"))!.AsArray();
            if (notifications.Count > 0 && notifications[0]!["state"]!.ToString() == "delivered")
            {
                break;
            }
            await Task.Delay(100);
        }
        var n = Assert.Single(notifications)!;
        Assert.Equal("delivered", n["state"]!.ToString());
        Assert.Equal(3, n["attempts"]!.AsArray().Count);
        Assert.Equal([503, 503, 200], n["attempts"]!.AsArray().Select(a => (int)a!["statusCode"]!));
    }

    [Fact]
    public async Task OneFailingReceiver_DoesNotBlockAnother()
    {
        await using var bad = await WebhookCollector.StartAsync();
        await using var good = await WebhookCollector.StartAsync();
        bad.FailNext(1000, 500);
        var config = $"""
            route:
              receiver: bad
              group_by: [alertname]
              group_wait: 0s
              routes:
                - matchers: ['team="good"']
                  receiver: good
                  group_wait: 0s
            receivers:
              - name: bad
                webhook_configs: [{"{"}url: {bad.Url}{"}"}]
              - name: good
                webhook_configs: [{"{"}url: {good.Url}{"}"}]
            """;
        await using var vigil = await VigilInstance.StartAsync("sqlite", config);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"ToBad"}}]""");
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"ToGood","team":"good"}}]""");
        var received = await good.WaitForAsync(1, TimeSpan.FromSeconds(5));
        Assert.Equal("ToGood", received[0].Body["alerts"]![0]!["labels"]!["alertname"]!.ToString());
    }
}
