using System.Text.Json.Nodes;
using Vigil.Server.Tests.Probes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cluster;

/// <summary>Each probe runs on exactly one live node of a cluster; a node leaving hands its probes to the others.</summary>
public sealed class ProbeLeaseTests
{
    private static string Config(int port) => ClusterConfigs.Plain + "\nprobes:\n" + string.Concat(Enumerable.Range(1, 4).Select(i => $$"""
          - name: shop-{{i}}
            tcp: {target: "127.0.0.1:{{port}}"}
            interval: 1s

        """));

    [Fact]
    public async Task TwoNodes_ShareFourProbesTwoAndTwo_AndTheSurvivorRunsAllFourWhenTheOtherStops()
    {
        await using var target = await LoopbackTarget.StartAsync();
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", Config(target.Port));
        var b = await VigilInstance.StartNodeAsync(postgres, "node-b", Config(target.Port), a);
        try
        {
            var shared = await Eventually.GetAsync(async () => (A: await RunningHereAsync(a), B: await RunningHereAsync(b)),
                r => r.A.Count == 2 && r.B.Count == 2, TimeSpan.FromSeconds(30));
            Assert.Empty(shared.A.Intersect(shared.B));
            // The probes a node does not hold show that; the ones it holds have run.
            var onA = await ProbesAsync(a);
            Assert.All(onA.Where(p => shared.A.Contains(p["name"]!.ToString())), p => Assert.NotNull(p["lastRunAt"]));
        }
        finally
        {
            await b.DisposeAsync();
        }

        var all = await Eventually.GetAsync(() => RunningHereAsync(a), r => r.Count == 4, TimeSpan.FromSeconds(30));
        Assert.Equal(["shop-1", "shop-2", "shop-3", "shop-4"], all.Order(StringComparer.Ordinal));
        await Eventually.TrueAsync(async () => (await ProbesAsync(a)).All(p => p["state"]!.ToString() == "up"), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task ADownProbe_ShowsDownOnEveryNode_NotOnlyOnTheOneThatRunsIt()
    {
        using var refusing = new RefusingPort();
        var closed = refusing.Port;
        var config = ClusterConfigs.Plain + $$"""

            probes:
              - name: db
                tcp: {target: "127.0.0.1:{{closed}}"}
                interval: 1s
                timeout: 500ms
                fall: 1
            """;
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", config);
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", config, a);

        // A node just started may not list the probe yet: looked for again until both do.
        var listed = await Eventually.GetAsync(async () => new[] { (await ProbesAsync(a)).SingleOrDefault(), (await ProbesAsync(b)).SingleOrDefault() },
            p => p.All(x => x?["state"]!.ToString() == "down") && p.Count(x => x?["runsHere"]!.GetValue<bool>() == true) == 1, TimeSpan.FromSeconds(30));

        Assert.All(listed, p => Assert.NotNull(p));
        var seen = listed.Select(p => p!).ToArray();
        Assert.All(seen, p => Assert.Equal("down", p["state"]!.ToString()));
        Assert.Single(seen, p => p["runsHere"]!.GetValue<bool>());
        // The node that does not run it says since when from the cluster's ProbeFailed alert, and why.
        var elsewhere = seen.Single(p => !p["runsHere"]!.GetValue<bool>());
        Assert.NotNull(elsewhere["since"]);
        Assert.True(elsewhere["alertFiring"]!.GetValue<bool>());
        Assert.Contains($"127.0.0.1:{closed}", elsewhere["lastFailure"]!.ToString(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonObject>> ProbesAsync(VigilInstance node) =>
        [.. JsonNode.Parse(await node.Http.GetStringAsync("api/v1/probes"))!.AsArray().Select(p => p!.AsObject())];

    private static async Task<List<string>> RunningHereAsync(VigilInstance node) =>
        [.. (await ProbesAsync(node)).Where(p => p["runsHere"]!.GetValue<bool>() && p["lastRunAt"] is not null).Select(p => p["name"]!.ToString())];
}
