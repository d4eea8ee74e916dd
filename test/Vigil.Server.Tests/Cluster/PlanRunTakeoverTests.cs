using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Plans;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cluster;

/// <summary>kill -9 of the node driving a plan run, among three real nodes on one PostgreSQL: another node resumes it.</summary>
public sealed class PlanRunTakeoverTests
{
    [Fact]
    public async Task TheDrivingNodeKilledWhileAHostReboots_AnotherNodeFinishesTheRun_NoHostRebootedTwice()
    {
        await using var rig = await PlanRig.StartAsync("postgres", servers: 2, minHealthy: 1, nodes: 3);
        var driver = rig.Nodes[0];
        var response = await driver.Http.PostAsJsonAsync("api/v1/plans/runs", new { yaml = PlanRunCrashTests.Plan });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        var id = JsonNode.Parse(body)!["id"]!.ToString();
        // lb-1's reboot was asked for and taken up; the run waits for its new boot id.
        await Eventually.GetAsync(() => rig.RunAsync(id), r => r["hosts"]![0]!["results"]!.AsArray().Any(x => x!["name"]!.ToString() == "wait: host_back"),
            TimeSpan.FromSeconds(90));
        var before = await LeaseHoldersAsync(rig.Nodes[1], $"plan-run/{id}");
        if (!before.SequenceEqual(["node-a"]))
        {
            Assert.Fail($"the run's lease is held by [{string.Join(", ", before)}], not node-a; leases: {await LeaseRowsAsync(driver)}");
        }

        driver.Kill9();

        var run = await rig.WaitForStateAsync(id, "succeeded", seconds: 180);
        Assert.True(await rig.RebootsAsync("lb-1") == 1, run.ToString());
        Assert.True(await rig.RebootsAsync("lb-2") == 1, run.ToString());
        Assert.All(run["hosts"]!.AsArray(), h => Assert.Equal("done", h!["state"]!.ToString()));
        var holders = await LeaseHoldersAsync(rig.Nodes[1], $"plan-run/{id}");
        Assert.DoesNotContain("node-a", holders);
    }

    private static async Task<string> LeaseRowsAsync(VigilProcess node)
    {
        var cs = node.Args[Array.IndexOf(node.Args, "--postgres") + 1];
        await using var conn = new Npgsql.NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT kind || '/' || lease_key || ' ' || owner || ' ' || expires_at FROM leases WHERE kind <> 'dispatch'", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await r.ReadAsync())
        {
            rows.Add(r.GetString(0));
        }
        return string.Join("; ", rows);
    }

    /// <summary>The nodes holding the lease kind/key, as a node's <c>/api/v1/nodes</c> lists them.</summary>
    private static async Task<List<string>> LeaseHoldersAsync(VigilProcess node, string lease)
    {
        var nodes = JsonNode.Parse(await node.Http.GetStringAsync("api/v1/nodes"))!["nodes"]!.AsArray();
        return [.. nodes.Where(n => n!["leases"]!.AsArray().Any(l => $"{l!["kind"]}/{l["key"]}" == lease)).Select(n => n!["name"]!.ToString())];
    }
}
