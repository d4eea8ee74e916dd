using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Escalation.EscalationClient;

namespace Vigil.Server.Tests.Escalation;

/// <summary><c>POST /v2/enqueue</c> as a tool that pages PagerDuty would use it.</summary>
public sealed class PagerDutyEnqueueTests
{
    private const string Keys = """
        pagerduty:
          routing_keys:
            R0UT1NGKEY: {policy: ops}
        """;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task TriggerThenResolve_WithOneDedupKey_OpensAndClosesOnePage(string engine)
    {
        var clock = new FakeTimeProvider(Start);
        await using var hook = await WebhookCollector.StartAsync();
        await using var smtp = await SmtpSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, smtp.Port, Keys), clock);
        using var anonymous = vigil.CreateClient(null);

        var trigger = await EnqueueAsync(anonymous, """
            {"routing_key":"R0UT1NGKEY","event_action":"trigger","dedup_key":"db-7",
             "payload":{"summary":"db-7 replication lag","source":"db-7","severity":"critical","class":"ReplicationLag","custom_details":{"lag_s":42}}}
            """);
        Assert.Equal(HttpStatusCode.Accepted, trigger.Status);
        Assert.Equal("""{"status":"success","message":"Event processed","dedup_key":"db-7"}""", trigger.Body.ToJsonString());
        await EnqueueAsync(anonymous, """
            {"routing_key":"R0UT1NGKEY","event_action":"trigger","dedup_key":"db-7","payload":{"summary":"db-7 replication lag","source":"db-7","severity":"critical","class":"ReplicationLag","custom_details":{"lag_s":42}}}
            """);
        await NudgeUntilAsync(clock, () => Count(hook, "/slack/alice") == 1);
        var page = Assert.Single(await PagesAsync(vigil))!;
        Assert.Equal("db-7", page["dedupKey"]!.ToString());
        var alert = Assert.Single(await vigil.GetAlertsAsync())!;
        Assert.Equal("ReplicationLag", alert["labels"]!["alertname"]!.ToString());
        Assert.Equal("critical", alert["labels"]!["severity"]!.ToString());
        Assert.Equal("""{"lag_s":42}""", alert["annotations"]!["custom_details"]!.ToString());

        var resolve = await EnqueueAsync(anonymous, """{"routing_key":"R0UT1NGKEY","event_action":"resolve","dedup_key":"db-7"}""");
        Assert.Equal(HttpStatusCode.Accepted, resolve.Status);
        await NudgeUntilAsync(clock, () => Count(hook, "/slack/alice") == 2);
        var closed = Assert.Single(await PagesAsync(vigil))!;
        Assert.Equal("resolved", closed["state"]!.ToString());
    }

    [Fact]
    public async Task PageTitle_OfAnAlertmanagerEvent_IsItsSummary_WithoutTheAlertNameTwice()
    {
        var clock = new FakeTimeProvider(Start);
        await using var hook = await WebhookCollector.StartAsync();
        await using var smtp = await SmtpSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", ConfigYaml(hook.Url, smtp.Port, Keys), clock);
        using var anonymous = vigil.CreateClient(null);

        await EnqueueAsync(anonymous, """
            {"routing_key":"R0UT1NGKEY","event_action":"trigger","dedup_key":"9f2c",
             "payload":{"summary":"[FIRING:1] ReplicaLag eu","source":"Alertmanager","severity":"error",
               "custom_details":{"firing":"Labels:\n - alertname = ReplicaLag\n - cluster = eu\nAnnotations:\nSource: \n","num_firing":"1","num_resolved":"0","resolved":""}}}
            """);
        await NudgeUntilAsync(clock, () => Count(hook, "/slack/alice") == 1);

        var page = Assert.Single(await PagesAsync(vigil))!;
        Assert.Equal("[FIRING:1] ReplicaLag eu", page["title"]!.ToString());
        var alert = Assert.Single(await vigil.GetAlertsAsync())!;
        Assert.Equal("ReplicaLag", alert["labels"]!["alertname"]!.ToString());
        Assert.Equal("eu", alert["labels"]!["cluster"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Acknowledge_AcknowledgesTheOpenPageForTheDedupKey(string engine)
    {
        var clock = new FakeTimeProvider(Start);
        await using var hook = await WebhookCollector.StartAsync();
        await using var smtp = await SmtpSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, smtp.Port, Keys), clock);
        using var anonymous = vigil.CreateClient(null);
        await EnqueueAsync(anonymous, """{"routing_key":"R0UT1NGKEY","event_action":"trigger","dedup_key":"k1","payload":{"summary":"s","source":"h","severity":"error"}}""");
        await NudgeUntilAsync(clock, () => Count(hook, "/slack/alice") == 1);

        var ack = await EnqueueAsync(anonymous, """{"routing_key":"R0UT1NGKEY","event_action":"acknowledge","dedup_key":"k1"}""");
        Assert.Equal(HttpStatusCode.Accepted, ack.Status);
        var page = Assert.Single(await PagesAsync(vigil))!;
        Assert.Equal("acknowledged", page["state"]!.ToString());
        Assert.Equal("pagerduty-events", page["acknowledgedBy"]!.ToString());
    }

    [Theory]
    [InlineData("""{"event_action":"trigger","payload":{"summary":"s","source":"h","severity":"error"}}""", "'routing_key' is missing or blank")]
    [InlineData("""{"routing_key":"R0UT1NGKEY","event_action":"explode"}""", "'event_action' is invalid (must be one of: trigger, acknowledge, resolve)")]
    [InlineData("""{"routing_key":"R0UT1NGKEY","event_action":"trigger","payload":{"source":"h","severity":"error"}}""", "'payload.summary' is missing or blank")]
    [InlineData("""{"routing_key":"R0UT1NGKEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"bad"}}""", "'payload.severity' is invalid (must be one of: critical, error, warning, info)")]
    [InlineData("""{"routing_key":"R0UT1NGKEY","event_action":"resolve"}""", "'dedup_key' is missing or blank")]
    [InlineData("""{"routing_key":"WRONG","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"error"}}""", "Invalid routing key")]
    [InlineData("""not json""", "Event object is not valid JSON")]
    public async Task BadEvent_GetsPagerDutys400Shape_AndChangesNothing(string body, string error)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", ConfigYaml("http://127.0.0.1:9/", 9, Keys));
        using var anonymous = vigil.CreateClient(null);
        var (status, json) = await EnqueueAsync(anonymous, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid event", json["status"]!.ToString());
        Assert.Equal("Event object is invalid", json["message"]!.ToString());
        Assert.Contains(error, json["errors"]!.AsArray().Select(e => e!.ToString()));
        Assert.Empty(await vigil.GetAlertsAsync());
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> EnqueueAsync(HttpClient client, string json)
    {
        using var response = await client.PostAsync("v2/enqueue", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
