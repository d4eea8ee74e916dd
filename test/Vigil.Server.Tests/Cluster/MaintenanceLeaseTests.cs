using System.Net;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Maintenance.MaintenanceClient;

namespace Vigil.Server.Tests.Cluster;

/// <summary>A maintenance window's transitions run on one node of the cluster (lease <c>maintenance/windows</c>).</summary>
public sealed class MaintenanceLeaseTests
{
    [Fact]
    public async Task AWindowEndedThroughOneNode_RaisesWhatItStillMutesAgainOnce_ForTheWholeCluster()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var hook = await WebhookCollector.StartAsync();
        await using var ops = await WebhookCollector.StartAsync();
        var config = ClusterConfigs.ShortLease + "\n" + ConfigYaml(hook.Url, ops.Url);
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", config);
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", config, a);
        // Node b takes its share of the dispatch shards first: a takeover rebuilds the taker's groups, and one that lands
        // between the window's end and the re-raise flushes the unmuted original alone (a second notification).
        await DispatchShares.WaitEvenAsync([a.Http, b.Http]);
        var id = await CreateAsync(a, LbWindow("1h"));
        await Eventually.TrueAsync(async () => (await b.Http.GetAsync($"api/v1/maintenance/{id}")).StatusCode == HttpStatusCode.OK);

        // Prometheus sends every alert to every node.
        foreach (var node in new[] { a, b })
        {
            Assert.True((await node.PostAlertsAsync("""[{"labels":{"alertname":"HostDown","host":"lb-1"}}]""")).IsSuccessStatusCode);
        }
        foreach (var node in new[] { a, b })
        {
            await Eventually.TrueAsync(async () => State(await node.GetAlertsAsync()) == "suppressed");
        }

        var (status, _) = await SendAsync(b, HttpMethod.Post, $"/{id}/end");
        Assert.Equal(HttpStatusCode.OK, status);

        IReadOnlyList<WebhookCollector.Received> received;
        try
        {
            received = await hook.WaitForAsync(1);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\n{await DescribeAsync(a, id)}\n{await DescribeAsync(b, id)}");
        }
        var reRaised = AlertsIn(received).SingleOrDefault(a => a["labels"]!["severity"]?.ToString() == "critical")
            ?? throw new Xunit.Sdk.XunitException(
                $"no critical re-raise in {string.Join("\n", received.Select(r => r.Body.ToJsonString()))}\n{await DescribeAsync(a, id)}\n{await DescribeAsync(b, id)}");
        Assert.Equal("lb-1", reRaised["labels"]!["host"]!.ToString());
        Assert.Equal(["started", "ended", "overrun"], await EventKindsAsync(a, id, 3));
        // Several lease rounds later (2 s leases): still one of each, on either node, and one notification.
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
        Assert.Single(hook.Messages);
        Assert.Equal(["started", "ended", "overrun"], await EventKindsAsync(b, id, 3));
        Assert.Empty(ops.Messages);
    }

    /// <summary>What a node shows when the re-raise did not arrive: the window's events, its alerts, its notifications and leases.</summary>
    private static async Task<string> DescribeAsync(VigilInstance node, string id) =>
        $"""
        {node.Url} events: {await node.Http.GetStringAsync($"api/v1/maintenance/{id}/events")}
        alerts: {(await node.GetAlertsAsync()).ToJsonString()}
        notifications: {await node.Http.GetStringAsync("api/v1/notifications")}
        nodes: {await node.Http.GetStringAsync("api/v1/nodes")}
        """;

    private static string? State(JsonArray alerts) =>
        alerts.SingleOrDefault(x => x!["labels"]!["alertname"]!.ToString() == "HostDown")?["status"]!["state"]!.ToString();
}
