using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.PagerDutyApi;

/// <summary>Events API v2 as PagerDuty treats events: one alert per dedup key, named as PagerDuty groups alerts, and an
/// Alertmanager sending through its PagerDuty integration keeps its labels.</summary>
public sealed class PagerDutyEventSemanticsTests
{
    private const string Config = """
        route:
          receiver: none
          group_wait: 1h
        receivers:
          - name: none
        pagerduty:
          routing_keys:
            R0UT1NGKEY01234567890123456789AB: {route_labels: {team: db}}
        """;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Retrigger_WithTheSameDedupKeyAndNewFields_UpdatesTheOneAlert_NotASecond(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config);
        using var anonymous = vigil.CreateClient(null);
        await EnqueueAsync(anonymous, """
            {"routing_key":"R0UT1NGKEY01234567890123456789AB","event_action":"trigger","dedup_key":"disk-db-7",
             "payload":{"summary":"db-7 disk 91%","source":"db-7","severity":"warning","component":"postgres"}}
            """);
        await EnqueueAsync(anonymous, """
            {"routing_key":"R0UT1NGKEY01234567890123456789AB","event_action":"trigger","dedup_key":"disk-db-7",
             "payload":{"summary":"db-7 disk 99%","source":"db-7.internal","severity":"critical","component":"postgres"}}
            """);

        var alert = Assert.Single(await vigil.GetAlertsAsync())!;
        Assert.Equal("postgres", alert["labels"]!["alertname"]!.ToString());
        Assert.Equal("db-7 disk 99%", alert["annotations"]!["summary"]!.ToString());
        Assert.Equal("db", alert["labels"]!["team"]!.ToString());
    }

    [Theory]
    [InlineData("""{"summary":"free text 1","source":"h","severity":"error","class":"Latency","component":"api","group":"web"}""", "Latency")]
    [InlineData("""{"summary":"free text 2","source":"h","severity":"error","component":"api","group":"web"}""", "api")]
    [InlineData("""{"summary":"free text 3","source":"h","severity":"error","group":"web"}""", "web")]
    [InlineData("""{"summary":"free text 4","source":"h","severity":"error"}""", "PagerDutyEvent")]
    public async Task AlertName_IsClassThenComponentThenGroupThenAStableName_NeverTheSummary(string payload, string expected)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config);
        using var anonymous = vigil.CreateClient(null);
        await EnqueueAsync(anonymous, $$"""{"routing_key":"R0UT1NGKEY01234567890123456789AB","event_action":"trigger","payload":{{payload}}}""");

        var alert = Assert.Single(await vigil.GetAlertsAsync())!;
        Assert.Equal(expected, alert["labels"]!["alertname"]!.ToString());
    }

    [Fact]
    public async Task AlertmanagerThroughItsPagerDutyIntegration_BecomesOneAlertPerGroup_WithItsLabels_UpdatedByLaterTriggers()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config);
        using var am = await RealAlertmanager.StartAsync($"""
            route:
              receiver: pd
              group_by: [alertname, cluster]
              group_wait: 0s
              group_interval: 1s
            receivers:
              - name: pd
                pagerduty_configs:
                  - routing_key: R0UT1NGKEY01234567890123456789AB
                    url: {vigil.Url.TrimEnd('/')}/v2/enqueue
            """);
        async Task PostAsync(string alerts) =>
            Assert.True((await am.Http.PostAsync("api/v2/alerts", new StringContent(alerts, Encoding.UTF8, "application/json"))).IsSuccessStatusCode);

        await PostAsync("""[{"labels":{"alertname":"ReplicaLag","cluster":"eu","severity":"critical","instance":"db-1"}}]""");
        var first = await Eventually.GetAsync(() => vigil.GetAlertsAsync(), a => a.Count == 1);
        await PostAsync("""[{"labels":{"alertname":"ReplicaLag","cluster":"eu","severity":"critical","instance":"db-2"}}]""");
        var after = await Eventually.GetAsync(() => vigil.GetAlertsAsync(),
            a => a.Count == 1 && a[0]!["annotations"]!["summary"]!.ToString().StartsWith("[FIRING:2]", StringComparison.Ordinal));

        var alert = Assert.Single(after)!;
        var labels = alert["labels"]!.AsObject();
        Assert.Equal("ReplicaLag", labels["alertname"]!.ToString());
        Assert.Equal("eu", labels["cluster"]!.ToString());
        Assert.Equal("critical", labels["severity"]!.ToString());
        // The labels are those of the first trigger of the dedup key (then the group had one alert): one alert per key.
        Assert.Equal("db-1", labels["instance"]!.ToString());
        Assert.Equal("[FIRING:2] ReplicaLag eu (critical)", alert["annotations"]!["summary"]!.ToString());
        Assert.Equal(first[0]!["fingerprint"]!.ToString(), alert["fingerprint"]!.ToString());
    }

    private static async Task EnqueueAsync(HttpClient client, string json)
    {
        var response = await client.PostAsync("v2/enqueue", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
