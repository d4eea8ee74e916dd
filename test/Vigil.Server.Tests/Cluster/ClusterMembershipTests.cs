using System.Net;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cluster;

/// <summary>Nodes on one PostgreSQL find each other through their heartbeats: <c>/api/v2/status</c> and <c>/api/v1/nodes</c>.</summary>
public sealed class ClusterMembershipTests
{
    [Fact]
    public async Task TwoNodesOnOnePostgres_ListEachOtherAsPeers_AndSayReady()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", ClusterConfigs.WithSchedules(), a);

        var status = await Eventually.GetAsync(async () => JsonNode.Parse(await a.Http.GetStringAsync("api/v2/status"))!["cluster"]!,
            c => c["status"]!.ToString() == "ready" && c["peers"]!.AsArray().Count == 2);
        Assert.Equal("node-a", status["name"]!.ToString());
        Assert.Equal(["node-a", "node-b"], status["peers"]!.AsArray().Select(p => p!["name"]!.ToString()));
        Assert.Equal(b.Url, status["peers"]![1]!["address"]!.ToString());

        var nodes = JsonNode.Parse(await b.Http.GetStringAsync("api/v1/nodes"))!;
        Assert.Equal("node-b", nodes["self"]!.ToString());
        Assert.Equal("postgres", nodes["storage"]!.ToString());
        var rows = nodes["nodes"]!.AsArray();
        Assert.All(rows, n => Assert.True(n!["live"]!.GetValue<bool>()));
        Assert.Single(rows.Select(n => n!["configHash"]!.ToString()).Distinct());
        Assert.All(rows, n => Assert.Empty(n!["warnings"]!.AsArray()));
        Assert.Equal("OK", await a.Http.GetStringAsync("-/ready"));
    }

    [Fact]
    public async Task ANodeWithADifferentConfiguration_IsFlaggedOnTheNodesEndpoint()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", ClusterConfigs.WithSchedules("edited on b only"), a);

        var nodes = await Eventually.GetAsync(async () => JsonNode.Parse(await a.Http.GetStringAsync("api/v1/nodes"))!["nodes"]!.AsArray(),
            n => n.Count == 2 && n.All(x => x!["warnings"]!.AsArray().Count == 1));
        Assert.NotEqual(nodes[0]!["configHash"]!.ToString(), nodes[1]!["configHash"]!.ToString());
        Assert.Contains("differs from node-b", nodes[0]!["warnings"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("differs from node-a", nodes[1]!["warnings"]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANodeThatStops_LeavesThePeerList()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        var b = await VigilInstance.StartNodeAsync(postgres, "node-b", ClusterConfigs.WithSchedules(), a);
        await Eventually.TrueAsync(async () => await PeersAsync(a) == "node-a,node-b");

        await b.DisposeAsync();

        await Eventually.TrueAsync(async () => await PeersAsync(a) == "node-a");
    }

    [Fact]
    public async Task OnSqlite_TheClusterIsDisabled_AndTheNodesEndpointShowsThisNodeAlone()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", ClusterConfigs.WithSchedules());
        var cluster = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/status"))!["cluster"]!;
        Assert.Equal("disabled", cluster["status"]!.ToString());
        Assert.Empty(cluster["peers"]!.AsArray());

        var nodes = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/nodes"))!;
        Assert.Equal("sqlite", nodes["storage"]!.ToString());
        var self = Assert.Single(nodes["nodes"]!.AsArray())!;
        Assert.True(self["self"]!.GetValue<bool>());
        Assert.EndsWith(":" + new Uri(vigil.Url).Port, self["name"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNodesEndpoint_NeedsAToken()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", ClusterConfigs.WithSchedules());
        using var anonymous = vigil.CreateClient(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/nodes")).StatusCode);
    }

    private static async Task<string> PeersAsync(VigilInstance node) =>
        string.Join(",", JsonNode.Parse(await node.Http.GetStringAsync("api/v2/status"))!["cluster"]!["peers"]!.AsArray()
            .Select(p => p!["name"]!.ToString()));
}
