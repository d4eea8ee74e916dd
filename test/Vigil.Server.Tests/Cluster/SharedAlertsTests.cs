using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cluster;

/// <summary>
/// Alerts accepted by any node of a cluster are every node's, and the cluster sends one notification per group state:
/// with Prometheus sending every alert to every node (as to an Alertmanager HA pair) or a load balancer spreading them.
/// </summary>
public sealed class SharedAlertsTests
{
    private static string Config(string hook) => ClusterConfigs.ShortLease + "\n" + Configs.Webhook(hook, groupWait: "1s", groupInterval: "2s");

    [Fact]
    public async Task AnAlertAcceptedByOneNode_IsListedByTheOther()
    {
        await using var hook = await WebhookCollector.StartAsync();
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", Config(hook.Url));
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", Config(hook.Url), a);

        Assert.True((await a.PostAlertsAsync("""[{"labels":{"alertname":"DiskFull","host":"db-1"}}]""")).IsSuccessStatusCode);

        var onB = await Eventually.GetAsync(() => b.GetAlertsAsync(), alerts => alerts.Count == 1);
        Assert.Equal("db-1", onB[0]!["labels"]!["host"]!.ToString());
    }

    [Fact]
    public async Task PrometheusSendingEveryAlertToBothNodes_GetsOneNotificationPerGroupState()
    {
        await using var hook = await WebhookCollector.StartAsync();
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", Config(hook.Url));
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", Config(hook.Url), a);
        await WaitForEvenSharesAsync(a, b);

        const string firing = """[{"labels":{"alertname":"DiskFull","host":"db-1"}},{"labels":{"alertname":"DiskFull","host":"db-2"}}]""";
        Assert.True((await a.PostAlertsAsync(firing)).IsSuccessStatusCode);
        Assert.True((await b.PostAlertsAsync(firing)).IsSuccessStatusCode);

        var first = Assert.Single(await hook.WaitForAsync(1));
        Assert.Equal(2, first.Body["alerts"]!.AsArray().Count);
        // Re-sent every 15 s by Prometheus, to both nodes: the group's state is unchanged, so nothing goes out.
        Assert.True((await b.PostAlertsAsync(firing)).IsSuccessStatusCode);
        Assert.True((await a.PostAlertsAsync(firing)).IsSuccessStatusCode);
        await hook.AssertStaysAtAsync(1, TimeSpan.FromSeconds(5));

        var now = TimeProvider.System.GetUtcNow();
        var resolved = $$"""[{"labels":{"alertname":"DiskFull","host":"db-1"},"endsAt":"{{now:O}}"},{"labels":{"alertname":"DiskFull","host":"db-2"},"endsAt":"{{now:O}}"}]""";
        Assert.True((await b.PostAlertsAsync(resolved)).IsSuccessStatusCode);
        Assert.True((await a.PostAlertsAsync(resolved)).IsSuccessStatusCode);
        var both = await hook.WaitForAsync(2);
        Assert.Equal("resolved", both[1].Body["status"]!.ToString());
        await hook.AssertStaysAtAsync(2, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ALoadBalancerSpreadingOneGroupsAlertsOverBothNodes_GetsOneNotificationWithAllOfThem()
    {
        await using var hook = await WebhookCollector.StartAsync();
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", Config(hook.Url));
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", Config(hook.Url), a);
        await WaitForEvenSharesAsync(a, b);

        Assert.True((await a.PostAlertsAsync("""[{"labels":{"alertname":"DiskFull","host":"db-1"}}]""")).IsSuccessStatusCode);
        Assert.True((await b.PostAlertsAsync("""[{"labels":{"alertname":"DiskFull","host":"db-2"}}]""")).IsSuccessStatusCode);

        var message = Assert.Single(await hook.WaitForAsync(1));
        Assert.Equal(["db-1", "db-2"], message.Body["alerts"]!.AsArray().Select(x => x!["labels"]!["host"]!.ToString()).Order());
        await hook.AssertStaysAtAsync(1, TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task WhenANodeStops_TheOtherSendsTheNextStateOfTheGroupsItFlushed()
    {
        await using var hook = await WebhookCollector.StartAsync();
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", Config(hook.Url));
        var b = await VigilInstance.StartNodeAsync(postgres, "node-b", Config(hook.Url), a);
        await WaitForEvenSharesAsync(a, b);
        // Eight groups: with 64 shards split between two nodes, both flush some of them.
        var names = Enumerable.Range(1, 8).Select(i => "Alert" + i).ToList();
        Assert.True((await b.PostAlertsAsync(new JsonArray([.. names.Select(n => (JsonNode)new JsonObject { ["labels"] = new JsonObject { ["alertname"] = n } })]).ToJsonString())).IsSuccessStatusCode);
        await hook.WaitForAsync(8);
        await hook.AssertStaysAtAsync(8, TimeSpan.FromSeconds(3));

        await b.DisposeAsync();
        var now = TimeProvider.System.GetUtcNow();
        Assert.True((await a.PostAlertsAsync(new JsonArray([.. names.Select(n => (JsonNode)new JsonObject
        {
            ["labels"] = new JsonObject { ["alertname"] = n },
            ["endsAt"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        })]).ToJsonString())).IsSuccessStatusCode);

        var all = await hook.WaitForAsync(16, TimeSpan.FromSeconds(30));
        Assert.Equal(names, all.Skip(8).Select(m => m.Body["groupLabels"]!["alertname"]!.ToString()).Order(StringComparer.Ordinal));
        Assert.All(all.Skip(8), m => Assert.Equal("resolved", m.Body["status"]!.ToString()));
        await hook.AssertStaysAtAsync(16, TimeSpan.FromSeconds(4));
    }

    /// <summary>Both nodes hold their half of the dispatch shards (so the test sees the cluster, not one node doing all).</summary>
    private static async Task WaitForEvenSharesAsync(VigilInstance a, VigilInstance b)
    {
        async Task<int> DispatchLeasesAsync(VigilInstance node) =>
            JsonNode.Parse(await node.Http.GetStringAsync("api/v1/nodes"))!["nodes"]!.AsArray()
                .Where(n => n!["self"]!.GetValue<bool>())
                .Sum(n => n!["leases"]!.AsArray().Count(l => l!["kind"]!.ToString() == "dispatch"));
        await Eventually.TrueAsync(async () => await DispatchLeasesAsync(a) == 32 && await DispatchLeasesAsync(b) == 32, TimeSpan.FromSeconds(30));
    }
}
