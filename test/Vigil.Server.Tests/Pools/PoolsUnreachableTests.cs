using System.Text.Json.Nodes;
using Vigil.Server.Pools;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Pools;

/// <summary>An HAProxy that cannot be read is an error, shown per instance, and never "healthy": the gate fails closed.</summary>
public sealed class PoolsUnreachableTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task KilledInstance_IsAnError_NoMemberIsHealthy_AndTheGateIsInconclusive(string engine)
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 2, instances: 2);
        string[] hosts = ["web-1", "web-2"];
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + "\n" + rig.PoolsYaml("web", minHealthy: 1, hosts));
        await PoolAgents.ReportAsync(vigil, hosts);
        var (service, pool, ct) = PoolServiceTests.Resolve(vigil);
        Assert.Equal(2, (await service.ReadAsync(pool, ct)).HealthyCount);

        rig.Instances[1].Kill();

        var json = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/pools/web"))!;
        Assert.Equal((0, false), (json["healthy"]!.GetValue<int>(), json["readable"]!.GetValue<bool>()));
        Assert.Null(json["instances"]![0]!["error"]);
        Assert.Equal($"{rig.Instances[1].SocketPath}: connection refused (HAProxy is not listening there)", json["instances"]![1]!["error"]!.ToString());
        foreach (var member in json["members"]!.AsArray())
        {
            Assert.False(member!["healthy"]!.GetValue<bool>());
            Assert.Equal("UP", member["haproxy"]![0]!["status"]!.ToString());
            Assert.Contains("connection refused", member["haproxy"]![1]!["error"]!.ToString(), StringComparison.Ordinal);
            Assert.Equal("inconclusive", member["removal"]!["decision"]!.ToString());
        }

        var gate = await service.CanRemoveAsync(pool, pool.Members[0], ct);
        Assert.Equal(RemovalDecision.Inconclusive, gate.Decision);
        Assert.Contains("connection refused", gate.Reason, StringComparison.Ordinal);

        // Commands still reach the instance that answers, and say which did not.
        var drain = await service.DrainAsync(pool, pool.Members[0], ct);
        Assert.False(drain.Succeeded);
        Assert.Null(drain.Instances[0].Error);
        Assert.Equal(RuntimeErrorKind.Unreachable, drain.Instances[1].Error!.Kind);
        Assert.Equal("DRAIN", await rig.Instances[0].StatusOfAsync(HaproxyRig.Backend, "s1"));
        Assert.Equal(WaitResult.Inconclusive, (await service.WaitUpAsync(pool, pool.Members[1], TimeSpan.FromMilliseconds(300), ct)).Result);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task RemovedSocket_AndRefusedAddress_AreErrors_NeverHealthy(string engine)
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 1, instances: 2);
        await using var bySocket = await VigilInstance.StartAsync(engine, Configs.Minimal + "\n" + rig.PoolsYaml("web", minHealthy: 0, ["web-1"]));
        await PoolAgents.ReportAsync(bySocket, ["web-1"]);
        rig.Instances[0].RemoveSocket();
        var json = JsonNode.Parse(await bySocket.Http.GetStringAsync("api/v1/pools/web"))!;
        Assert.Equal(0, json["healthy"]!.GetValue<int>());
        Assert.Contains("no socket there", json["instances"]![0]!["error"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("no socket there", json["members"]![0]!["reasons"]![0]!.ToString(), StringComparison.Ordinal);

        await using var byAddress = await VigilInstance.StartAsync(engine, Configs.Minimal + "\n" + rig.PoolsYaml("web", minHealthy: 0, ["web-1"], byAddress: true));
        await PoolAgents.ReportAsync(byAddress, ["web-1"]);
        Assert.Equal(1, JsonNode.Parse(await byAddress.Http.GetStringAsync("api/v1/pools/web"))!["healthy"]!.GetValue<int>());
        rig.Instances[1].Kill();
        json = JsonNode.Parse(await byAddress.Http.GetStringAsync("api/v1/pools/web"))!;
        Assert.Equal(0, json["healthy"]!.GetValue<int>());
        Assert.Equal($"127.0.0.1:{rig.Instances[1].AdminPort}: connection refused (HAProxy is not listening there)", json["instances"]![1]!["error"]!.ToString());
    }
}
