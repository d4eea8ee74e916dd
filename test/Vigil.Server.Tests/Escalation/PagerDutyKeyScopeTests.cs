using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Escalation.EscalationClient;

namespace Vigil.Server.Tests.Escalation;

/// <summary>A routing key acknowledges and resolves only what came in through it (or a key of its <c>key_group</c>), as PagerDuty
/// scopes a dedup key to its service; an event that matches nothing is accepted and does nothing, as PagerDuty's is.</summary>
public sealed class PagerDutyKeyScopeTests
{
    private const string Keys = """
        pagerduty:
          routing_keys:
            KEY-A-3f0c: {policy: ops}
            KEY-B-9a21: {route_labels: {team: web}}
            KEY-C-77aa: {policy: ops, key_group: monitoring}
            KEY-D-11bd: {route_labels: {team: web}, key_group: monitoring}
        """;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ResolveThroughAnyRoutingKey_LeavesAPrometheusAlertWithThatDedupKeyFiring(string engine)
    {
        var clock = new FakeTimeProvider(Start);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, 9, Keys), clock);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"HighLatency","dedup_key":"k"}}]""");
        using var anonymous = vigil.CreateClient(null);

        foreach (var key in new[] { "KEY-A-3f0c", "KEY-B-9a21", "KEY-C-77aa" })
        {
            var (status, body) = await EnqueueAsync(anonymous, $$"""{"routing_key":"{{key}}","event_action":"resolve","dedup_key":"k"}""");
            Assert.Equal(HttpStatusCode.Accepted, status);
            Assert.Equal("""{"status":"success","message":"Event processed","dedup_key":"k"}""", body.ToJsonString());
            await EnqueueAsync(anonymous, $$"""{"routing_key":"{{key}}","event_action":"acknowledge","dedup_key":"k"}""");
        }

        var alert = Assert.Single(await vigil.GetAlertsAsync())!;
        Assert.Equal("HighLatency", alert["labels"]!["alertname"]!.ToString());
        Assert.Equal("active", alert["status"]!["state"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AnotherKeysResolveAndAcknowledge_AreIgnored_AndTheTriggeringKeysWork(string engine)
    {
        var clock = new FakeTimeProvider(Start);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, 9, Keys), clock);
        using var anonymous = vigil.CreateClient(null);
        await EnqueueAsync(anonymous, Trigger("KEY-A-3f0c", "db-7"));
        await NudgeUntilAsync(clock, () => Count(hook, "/slack/alice") == 1);

        Assert.Equal(HttpStatusCode.Accepted, (await EnqueueAsync(anonymous, Action("KEY-B-9a21", "acknowledge", "db-7"))).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await EnqueueAsync(anonymous, Action("KEY-C-77aa", "resolve", "db-7"))).Status);
        Assert.Equal("triggered", Assert.Single(await PagesAsync(vigil))!["state"]!.ToString());
        Assert.Single(await vigil.GetAlertsAsync());

        await EnqueueAsync(anonymous, Action("KEY-A-3f0c", "acknowledge", "db-7"));
        Assert.Equal("acknowledged", Assert.Single(await PagesAsync(vigil))!["state"]!.ToString());
        await EnqueueAsync(anonymous, Action("KEY-A-3f0c", "resolve", "db-7"));
        Assert.Empty(await vigil.GetAlertsAsync());
        await NudgeUntilAsync(clock, () => Count(hook, "/slack/alice") == 2);
        Assert.Equal("resolved", Assert.Single(await PagesAsync(vigil))!["state"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task KeysOfOneKeyGroup_AcknowledgeAndResolveEachOthersAlerts(string engine)
    {
        var clock = new FakeTimeProvider(Start);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, 9, Keys), clock);
        using var anonymous = vigil.CreateClient(null);
        await EnqueueAsync(anonymous, Trigger("KEY-C-77aa", "shared-1"));
        await NudgeUntilAsync(clock, () => Count(hook, "/slack/alice") == 1);
        var alert = Assert.Single(await vigil.GetAlertsAsync())!;
        Assert.Equal("monitoring", alert["labels"]!["vigil_pagerduty_key_group"]!.ToString());

        await EnqueueAsync(anonymous, Action("KEY-D-11bd", "acknowledge", "shared-1"));
        Assert.Equal("acknowledged", Assert.Single(await PagesAsync(vigil))!["state"]!.ToString());
        await EnqueueAsync(anonymous, Action("KEY-D-11bd", "resolve", "shared-1"));
        Assert.Empty(await vigil.GetAlertsAsync());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task OneDedupKeyThroughTwoKeys_IsTwoAlertsAndTwoPages(string engine)
    {
        var clock = new FakeTimeProvider(Start);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, 9, Keys), clock);
        using var anonymous = vigil.CreateClient(null);
        await EnqueueAsync(anonymous, Trigger("KEY-A-3f0c", "k"));
        await EnqueueAsync(anonymous, Trigger("KEY-C-77aa", "k"));
        await NudgeUntilAsync(clock, () => Count(hook, "/slack/alice") == 2);

        var alerts = await vigil.GetAlertsAsync();
        Assert.Equal(2, alerts.Count);
        var groups = alerts.Select(a => a!["labels"]!["vigil_pagerduty_key_group"]!.ToString()).ToList();
        Assert.Contains("monitoring", groups);
        var own = Assert.Single(groups, g => g != "monitoring");
        Assert.Matches("^key-[0-9a-f]{16}$", own);
        Assert.DoesNotContain("KEY-A", own, StringComparison.Ordinal);
        Assert.Equal(2, (await PagesAsync(vigil)).Count);

        await EnqueueAsync(anonymous, Action("KEY-A-3f0c", "acknowledge", "k"));
        var states = (await PagesAsync(vigil)).Select(p => p!["state"]!.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(["acknowledged", "triggered"], states);
        await EnqueueAsync(anonymous, Action("KEY-A-3f0c", "resolve", "k"));
        var left = Assert.Single(await vigil.GetAlertsAsync())!;
        Assert.Equal("monitoring", left["labels"]!["vigil_pagerduty_key_group"]!.ToString());
    }

    private static string Trigger(string key, string dedup) =>
        $$$"""{"routing_key":"{{{key}}}","event_action":"trigger","dedup_key":"{{{dedup}}}","payload":{"summary":"{{{dedup}}} is down","source":"h","severity":"critical"}}""";

    private static string Action(string key, string action, string dedup) =>
        $$"""{"routing_key":"{{key}}","event_action":"{{action}}","dedup_key":"{{dedup}}"}""";

    private static async Task<(HttpStatusCode Status, JsonObject Body)> EnqueueAsync(HttpClient client, string json)
    {
        using var response = await client.PostAsync("v2/enqueue", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
