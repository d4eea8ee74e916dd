using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Plans;

/// <summary><c>kill -9</c> of the real executable in the middle of a plan: the run goes on from its step, no action repeated.</summary>
public sealed class PlanRunCrashTests
{
    /// <summary>A rolling reboot of pool web, one host at a time (also what the cluster takeover test runs).</summary>
    internal const string Plan = """
        name: reboot-web
        hosts: {pool: web}
        serial: 1
        window: {watcher: alice, backup: bob, announcement: kernel update}
        steps:
          - gate: pool_min_healthy
          - haproxy: drain
          - wait: drained
            timeout: 20s
          - haproxy: maint
          - agent: reboot
            timeout: 30s
          - wait: host_back
            timeout: 60s
          - verify: post_boot
            timeout: 60s
          - haproxy: ready
          - wait: haproxy_up
            timeout: 30s
        """;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Kill9WhileAHostReboots_ThenARestart_ContinuesTheRunFromItsStep_NoHostRebootedTwice_ZeroFailedRequests(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1, process: true);
        await using var traffic = new FrontendTraffic(rig.Haproxy.Instances[0].FrontendUrl);
        var id = await rig.StartYamlAsync(Plan);
        // lb-1's reboot was asked for and taken up; the run waits for its new boot id.
        await Eventually.GetAsync(() => rig.RunAsync(id), r => r["hosts"]![0]!["results"]!.AsArray().Any(x => x!["name"]!.ToString() == "wait: host_back"),
            TimeSpan.FromSeconds(90));

        rig.Process!.Kill9();
        // Restarted on its port, as systemd would: the agents, which report every 2 s whatever happens, find it again.
        await rig.Process.RestartAsync(samePort: true);

        var run = await rig.WaitForStateAsync(id, "succeeded", seconds: 180);
        Assert.True(await rig.RebootsAsync("lb-1") == 1, run.ToString());
        Assert.True(await rig.RebootsAsync("lb-2") == 1, run.ToString());
        foreach (var h in run["hosts"]!.AsArray())
        {
            Assert.Equal("done", h!["state"]!.ToString());
        }
        foreach (var server in rig.Haproxy.Servers)
        {
            await rig.Haproxy.WaitForStatusAsync(server.Name, "UP");
        }
        Assert.True(traffic.Failures.Count == 0, $"{traffic.Failures.Count} of {traffic.Sent} requests failed: {string.Join("; ", traffic.Failures.Take(5))}");
    }
}
