using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Pools;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Pools;

/// <summary>
/// What the plan engine will call, against an active/passive pair (two real haproxy processes in front of the same
/// backends): every command reaches every instance, and the waits end on HAProxy's own state.
/// </summary>
public sealed class PoolServiceTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task DrainMaintReady_ChangeEveryInstance_AndWaitUpWaitsForTheChecksToRise(string engine)
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 2, instances: 2);
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + "\n" + rig.PoolsYaml("web", minHealthy: 1, ["web-1", "web-2"]));
        await PoolAgents.ReportAsync(vigil, ["web-1", "web-2"]);
        var (service, pool, ct) = Resolve(vigil);
        var s1 = pool.FindMember("web-1")!;

        Assert.Equal(RemovalDecision.Allowed, (await service.CanRemoveAsync(pool, s1, ct)).Decision);
        var drained = await service.DrainAsync(pool, s1, ct);
        Assert.True(drained.Succeeded, drained.Describe());
        Assert.Equal(2, drained.Instances.Count);
        await AssertEveryInstanceAsync(rig, "s1", "DRAIN", flags: 8);

        // s1 drained is not healthy, so s2 may no longer leave.
        var gate = await service.CanRemoveAsync(pool, pool.FindMember("s2")!, ct);
        Assert.Equal(RemovalDecision.Refused, gate.Decision);
        Assert.Equal("pool web would drop to 0 healthy, below min_healthy 1 (healthy now: s2)", gate.Reason);

        Assert.True((await service.MaintAsync(pool, s1, ct)).Succeeded);
        await AssertEveryInstanceAsync(rig, "s1", "MAINT", flags: 1);

        Assert.True((await service.ReadyAsync(pool, s1, ct)).Succeeded);
        foreach (var lb in rig.Instances)
        {
            Assert.Equal(0, await lb.AdminFlagsOfAsync(HaproxyRig.Backend, "s1"));
        }
        var up = await service.WaitUpAsync(pool, s1, TimeSpan.FromSeconds(15), ct);
        Assert.Equal(WaitResult.Done, up.Result);
        await AssertEveryInstanceAsync(rig, "s1", "UP", flags: 0);
        Assert.Equal(2, (await service.ReadAsync(pool, ct)).HealthyCount);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Members_SetAtTheSameMoment_AreEachSet_AndOneHAProxyDoesNotKnowFailsAlone(string engine)
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 3, instances: 2);
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + "\n" + rig.PoolsYaml("web", minHealthy: 0, ["web-1", "web-2", "web-3"]));
        var (service, pool, ct) = Resolve(vigil);
        var unknown = new PoolMember("s9", "web-9");

        // Sent together, the commands share a connection per instance; each still gets its own answer.
        var outcomes = await Task.WhenAll([.. pool.Members.Select(m => service.DrainAsync(pool, m, ct)), service.DrainAsync(pool, unknown, ct)]);

        Assert.All(outcomes.Take(3), o => Assert.True(o.Succeeded, o.Describe()));
        var refused = outcomes[3];
        Assert.False(refused.Succeeded);
        Assert.All(refused.Instances, i => Assert.Equal(RuntimeErrorKind.NotFound, i.Error?.Kind));
        foreach (var lb in rig.Instances)
        {
            foreach (var server in new[] { "s1", "s2", "s3" })
            {
                Assert.Equal(8, await lb.AdminFlagsOfAsync(HaproxyRig.Backend, server));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task WaitDrained_LastsUntilTheHeldSessionEnds_AndTheSessionIsServed(string engine)
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 2, instances: 2);
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + "\n" + rig.PoolsYaml("web", minHealthy: 0, ["web-1", "web-2"]));
        var (service, pool, ct) = Resolve(vigil);
        var (s1, s2) = (pool.Members[0], pool.Members[1]);

        // Only s1 takes traffic, so the held request lands on it.
        Assert.True((await service.MaintAsync(pool, s2, ct)).Succeeded);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var held = client.GetAsync(rig.Instances[1].FrontendUrl + "hold", ct);
        await Eventually.GetAsync(() => Task.FromResult(rig["s1"].Holding), n => n == 1);
        Assert.Equal(1, rig["s1"].Holding);

        var notDrainedYet = await service.WaitDrainedAsync(pool, s1, TimeSpan.FromMilliseconds(300), ct);
        Assert.Equal(WaitResult.TimedOut, notDrainedYet.Result);
        Assert.Contains("web/s1 is UP, not set to drain or maint", notDrainedYet.Reason, StringComparison.Ordinal);

        Assert.True((await service.DrainAsync(pool, s1, ct)).Succeeded);
        var stillServing = await service.WaitDrainedAsync(pool, s1, TimeSpan.FromMilliseconds(300), ct);
        Assert.Equal(WaitResult.TimedOut, stillServing.Result);
        Assert.Contains($"{rig.Instances[1].SocketPath}: 1 session(s) and 0 queued on web/s1", stillServing.Reason, StringComparison.Ordinal);

        var waiting = service.WaitDrainedAsync(pool, s1, TimeSpan.FromSeconds(15), ct);
        rig["s1"].ReleaseHeld();
        var drained = await waiting;
        Assert.Equal(WaitResult.Done, drained.Result);
        // Draining never cut the session it waited for.
        var response = await held;
        Assert.Equal(("s1", System.Net.HttpStatusCode.OK), (await response.Content.ReadAsStringAsync(ct), response.StatusCode));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task WaitUp_OfAMemberWhoseChecksFail_TimesOutSayingWhy(string engine)
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 2, instances: 2);
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + "\n" + rig.PoolsYaml("web", minHealthy: 1, ["web-1", "web-2"]));
        var (service, pool, ct) = Resolve(vigil);
        var s2 = pool.FindMember("s2")!;

        Assert.True((await service.MaintAsync(pool, s2, ct)).Succeeded);
        rig["s2"].Unmount();
        Assert.True((await service.ReadyAsync(pool, s2, ct)).Succeeded);
        // Right after ready HAProxy says "UP 1/2"; the failing check then takes it DOWN, and it never rises.
        var outcome = await service.WaitUpAsync(pool, s2, TimeSpan.FromSeconds(1.5), ct);
        Assert.Equal(WaitResult.TimedOut, outcome.Result);
        Assert.Contains("web/s2 is DOWN, last check L7STS", outcome.Reason, StringComparison.Ordinal);

        rig["s2"].Mount();
        Assert.Equal(WaitResult.Done, (await service.WaitUpAsync(pool, s2, TimeSpan.FromSeconds(15), ct)).Result);
    }

    internal static (PoolService Service, Pool Pool, CancellationToken Ct) Resolve(VigilInstance vigil)
    {
        var service = vigil.Services.GetRequiredService<PoolService>();
        return (service, service.Find("web")!, TestContext.Current.CancellationToken);
    }

    private static async Task AssertEveryInstanceAsync(HaproxyRig rig, string server, string status, int flags)
    {
        foreach (var lb in rig.Instances)
        {
            Assert.Equal((status, flags), (await lb.StatusOfAsync(HaproxyRig.Backend, server), await lb.AdminFlagsOfAsync(HaproxyRig.Backend, server)));
        }
    }
}
