using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Probes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cluster;

/// <summary>kill -9 of one of three real nodes on one PostgreSQL: nothing acknowledged is lost, nothing is sent twice.</summary>
public sealed class NodeKillTests
{
    [Fact]
    public async Task ANodeKilledDuringABurst_LosesNoAcknowledgedAlert_AndTheOthersListThemAll()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var rig = await ClusterRig.StartAsync(ClusterConfigs.ShortLease + "\n" + Configs.Webhook(hook.Url, groupWait: "1h"));
        var acknowledged = new ConcurrentBag<int>();
        var victim = rig.Nodes[1];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Three senders, one per node; the one to node b keeps going until b is gone.
        var senders = rig.Nodes.Select((node, n) => Task.Run(async () =>
        {
            using var http = node.CreateClient();
            for (var i = 0; i < 200 && !cts.IsCancellationRequested; i++)
            {
                var id = n * 1000 + i;
                try
                {
                    using var response = await http.PostAsync("api/v2/alerts", new StringContent(
                        $$$"""[{"labels":{"alertname":"Burst","n":"{{{id}}}"}}]""", Encoding.UTF8, "application/json"), cts.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged.Add(id);
                    }
                }
                catch (HttpRequestException) when (node == victim)
                {
                    return;
                }
            }
        })).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(acknowledged.Count(id => id / 1000 == 1) >= 40));
        victim.Kill9();
        await Task.WhenAll(senders);

        Assert.True(acknowledged.Count(id => id / 1000 == 1) >= 40);
        foreach (var survivor in new[] { rig.Nodes[0], rig.Nodes[2] })
        {
            var listed = await Eventually.GetAsync(async () => await BurstAsync(survivor), ids => acknowledged.All(ids.Contains), TimeSpan.FromSeconds(30));
            Assert.Empty(acknowledged.Except(listed));
        }
    }

    [Fact]
    public async Task ANodeKilledDuringAnEscalation_EachLevelIsNotifiedExactlyOnce()
    {
        await using var hook = await WebhookCollector.StartAsync();
        var config = ClusterConfigs.ShortLease + $$"""

            route:
              receiver: oncall
              group_by: [alertname]
              group_wait: 0s
            receivers:
              - name: oncall
                vigil_configs: [{policy: ops}]
            escalation_policies:
              - name: ops
                levels:
                  - targets: [{person: alice}]
                    ack_timeout: 5s
                  - targets: [{person: bob}]
                    ack_timeout: 5s
                  - targets: [{person: carol}]
                    ack_timeout: 5s
            people:
              - name: alice
                contact_methods: [{type: webhook, url: "{{hook.Url}}alice"}]
              - name: bob
                contact_methods: [{type: webhook, url: "{{hook.Url}}bob"}]
              - name: carol
                contact_methods: [{type: webhook, url: "{{hook.Url}}carol"}]
            """;
        await using var rig = await ClusterRig.StartAsync(config);
        using (var http = rig.Nodes[0].CreateClient())
        {
            Assert.True((await http.PostAsync("api/v2/alerts", new StringContent(
                """[{"labels":{"alertname":"SiteDown","severity":"critical"}}]""", Encoding.UTF8, "application/json"))).IsSuccessStatusCode);
        }
        await Eventually.TrueAsync(() => Task.FromResult(hook.Messages.Any(m => m.Path == "/alice")), TimeSpan.FromSeconds(30));
        // The sender records the delivery just after the answer; a kill inside that moment would send it again (at least once).
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        // Between the first and the second level: whichever node would have taken the next step may be the one killed.
        rig.Nodes[0].Kill9();

        await Eventually.TrueAsync(() => Task.FromResult(hook.Messages.Any(m => m.Path == "/carol")), TimeSpan.FromSeconds(60));
        await hook.AssertStaysAtAsync(hook.Messages.Count, TimeSpan.FromSeconds(3));
        Assert.Equal(["/alice", "/bob", "/carol"], hook.Messages.Select(m => m.Path));
        using var survivor = rig.Nodes[1].CreateClient();
        var page = Assert.Single(JsonNode.Parse(await survivor.GetStringAsync("api/v1/pages"))!.AsArray())!;
        Assert.Equal(3, page["level"]!.GetValue<int>());
    }

    [Fact]
    public async Task AProbesTargetFailingWhileItsNodeDies_RaisesProbeFailedOnce_FromAnotherNode()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var target = await LoopbackTarget.StartAsync();
        var config = ClusterConfigs.ShortLease + "\n" + Configs.Webhook(hook.Url, groupWait: "0s", extra: $$"""
            probes:
              - name: shop
                tcp: {target: "127.0.0.1:{{target.Port}}"}
                interval: 1s
                fall: 2
                rise: 1
            """);
        await using var rig = await ClusterRig.StartAsync(config);
        var runner = await Eventually.GetAsync(() => RunnerOfAsync(rig, "shop"), r => r is not null, TimeSpan.FromSeconds(30));

        await target.StopAsync();
        runner!.Kill9();

        var firing = await hook.WaitForAsync(1, TimeSpan.FromSeconds(60));
        Assert.Equal("ProbeFailed", firing[0].Body["groupLabels"]!["alertname"]!.ToString());
        await hook.AssertStaysAtAsync(1, TimeSpan.FromSeconds(5));
        var survivors = rig.Nodes.Where(n => n != runner).ToList();
        Assert.Single(await RunningHereAsync(survivors, "shop"));
    }

    private static async Task<HashSet<int>> BurstAsync(VigilProcess node)
    {
        using var http = node.CreateClient();
        var alerts = JsonNode.Parse(await http.GetStringAsync("api/v2/alerts?filter=alertname%3D%22Burst%22"))!.AsArray();
        return [.. alerts.Select(a => int.Parse(a!["labels"]!["n"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static async Task<VigilProcess?> RunnerOfAsync(ClusterRig rig, string probe) =>
        (await RunningHereAsync(rig.Nodes, probe)).SingleOrDefault();

    private static async Task<List<VigilProcess>> RunningHereAsync(IEnumerable<VigilProcess> nodes, string probe)
    {
        var running = new List<VigilProcess>();
        foreach (var node in nodes)
        {
            using var http = node.CreateClient();
            var p = JsonNode.Parse(await http.GetStringAsync($"api/v1/probes/{probe}"))!;
            if (p["runsHere"]!.GetValue<bool>() && p["lastRunAt"] is not null)
            {
                running.Add(node);
            }
        }
        return running;
    }
}
