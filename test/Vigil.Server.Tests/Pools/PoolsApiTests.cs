using System.Net;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Pools;

/// <summary><c>GET /api/v1/pools[/{name}]</c> over a real HAProxy and real agent reports: live state, and why a member is not healthy.</summary>
public sealed class PoolsApiTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Pool_UpMembersWithPassingAgents_AreHealthy_AndEveryOtherSaysWhyNot(string engine)
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 4);
        string[] hosts = ["web-1", "web-2", "web-3", "web-4"];
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + "\n" + rig.PoolsYaml("web", minHealthy: 2, hosts));
        await PoolAgents.ReportAsync(vigil, hosts[..3], failing: "web-3");

        var pool = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/pools/web"))!;
        Assert.Equal((2, 4, 2, true), (pool["healthy"]!.GetValue<int>(), pool["total"]!.GetValue<int>(), pool["minHealthy"]!.GetValue<int>(), pool["readable"]!.GetValue<bool>()));
        var members = pool["members"]!.AsArray().ToDictionary(m => m!["server"]!.ToString(), m => m!);
        foreach (var up in new[] { "s1", "s2" })
        {
            Assert.True(members[up]["healthy"]!.GetValue<bool>(), members[up].ToJsonString());
            Assert.Empty(members[up]["reasons"]!.AsArray());
            var haproxy = Assert.Single(members[up]["haproxy"]!.AsArray())!;
            Assert.Equal(("UP", "UP", "ready", "L7OK", 0), (haproxy["status"]!.ToString(), haproxy["statusText"]!.ToString(), haproxy["admin"]!.ToString(),
                haproxy["checkStatus"]!.ToString(), haproxy["sessions"]!.GetValue<int>()));
            Assert.Equal(("passing", "boot-" + members[up]["host"]), (members[up]["agent"]!["state"]!.ToString(), members[up]["agent"]!["bootId"]!.ToString()));
        }
        Assert.False(members["s3"]["healthy"]!.GetValue<bool>());
        Assert.Equal("host web-3: failing mount mountpoint=/data: /data", Assert.Single(members["s3"]["reasons"]!.AsArray())!.ToString());
        Assert.Equal("/data", members["s3"]["agent"]!["failing"]![0]!["subject"]!["mountpoint"]!.ToString());
        Assert.False(members["s4"]["healthy"]!.GetValue<bool>());
        Assert.Equal(("no_report", "host web-4: no agent report (is its agent running as 'web-4'?)"),
            (members["s4"]["agent"]!["state"]!.ToString(), Assert.Single(members["s4"]["reasons"]!.AsArray())!.ToString()));
        // The gate, as the plan engine will ask it: two healthy, min_healthy two.
        Assert.Equal("refused", members["s1"]["removal"]!["decision"]!.ToString());
        Assert.Contains("would drop to 1 healthy, below min_healthy 2", members["s1"]["removal"]!["reason"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("allowed", members["s4"]["removal"]!["decision"]!.ToString());

        var all = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/pools"))!.AsArray();
        Assert.Equal("web", Assert.Single(all)!["name"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Member_WhoseDataMarkerIsRemoved_IsSeenDownAndUnhealthy_ThenBack(string engine)
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 2);
        string[] hosts = ["web-1", "web-2"];
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + "\n" + rig.PoolsYaml("web", minHealthy: 1, hosts));
        await PoolAgents.ReportAsync(vigil, hosts);
        Assert.Equal(2, (await GetPoolAsync(vigil))["healthy"]!.GetValue<int>());

        rig["s2"].Unmount();
        // No cache: each request reads HAProxy, so the answer follows HAProxy's checks (fall 2 × inter 200ms).
        var pool = await Eventually.GetAsync(() => GetPoolAsync(vigil), p => Member(p, "s2")["haproxy"]![0]!["status"]!.ToString() == "DOWN");
        var s2 = Member(pool, "s2");
        Assert.Equal("DOWN", s2["haproxy"]![0]!["status"]!.ToString());
        Assert.False(s2["healthy"]!.GetValue<bool>());
        Assert.Equal(1, pool["healthy"]!.GetValue<int>());
        Assert.Equal("L7STS", s2["haproxy"]![0]!["checkStatus"]!.ToString());
        Assert.Contains("web/s2 is DOWN (L7STS", Assert.Single(s2["reasons"]!.AsArray())!.ToString(), StringComparison.Ordinal);
        Assert.Equal("DOWN", await rig.Instances[0].StatusOfAsync(HaproxyRig.Backend, "s2"));

        rig["s2"].Mount();
        pool = await Eventually.GetAsync(() => GetPoolAsync(vigil), p => p["healthy"]!.GetValue<int>() == 2);
        Assert.Equal(2, pool["healthy"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pools_NeedReadScope_AndAnUnknownPoolIs404()
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 1);
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal + "\n" + rig.PoolsYaml("web", minHealthy: 0, ["web-1"]));
        using var anonymous = vigil.CreateClient(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/pools")).StatusCode);
        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("api/v1/pools/web")).StatusCode);
        var missing = await reader.GetAsync("api/v1/pools/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no pool named 'nope'", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static JsonNode Member(JsonNode pool, string server) => pool["members"]!.AsArray().Single(m => m!["server"]!.ToString() == server)!;

    private static async Task<JsonNode> GetPoolAsync(VigilInstance vigil) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/pools/web"))!;
}
