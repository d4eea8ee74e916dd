using System.Text.Json.Nodes;
using Vigil.Server.Plans;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Plans;

/// <summary>Plan runs against a real HAProxy, real backends and real agents: what the seed outage needed.</summary>
public sealed class PlanRunEndToEndTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task RollingReboot_OfThreeMembersUnderTraffic_Succeeds_WithZeroFailedRequests_AndOneRebootEach_AskedAsItsStepStarted(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine);
        await using var traffic = new FrontendTraffic(rig.Haproxy.Instances[0].FrontendUrl);

        var id = await rig.StartAsync(PlanRig.RollingReboot());
        var run = await rig.WaitForStateAsync(id, "succeeded", seconds: 180);

        Assert.True(traffic.Failures.Count == 0, $"{traffic.Failures.Count} of {traffic.Sent} requests failed: {string.Join("; ", traffic.Failures.Take(5))}");
        Assert.True(traffic.Sent > 0);
        foreach (var host in rig.Hosts)
        {
            Assert.Equal(1, await rig.RebootsAsync(host));
            var h = run["hosts"]!.AsArray().Single(x => x!["host"]!.ToString() == host)!;
            Assert.Equal("done", h["state"]!.ToString());
            Assert.All(h["results"]!.AsArray(), r => Assert.Equal("passed", r!["status"]!.ToString()));
            // The reboot was asked for in the same write that started its step: one request, made by the run at that moment.
            var step = h["results"]!.AsArray().Single(r => r!["name"]!.ToString() == "agent: reboot")!;
            var asked = JsonNode.Parse(await rig.Server.Http.GetStringAsync($"api/v1/hosts/{host}/actions/{step["actionId"]}"))!["action"]!;
            Assert.Equal(step["startedAt"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds(), asked["requestedAt"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds());
            Assert.Equal($"plan-run:{id}", asked["requestedBy"]!.ToString());
            Assert.Equal("succeeded", asked["state"]!.ToString());
        }
        foreach (var server in rig.Haproxy.Servers)
        {
            await rig.Haproxy.WaitForStatusAsync(server.Name, "UP");
        }
        Assert.NotNull(run["windowId"]);
        Assert.Empty(rig.Phone.Received("alice"));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task SecondaryDown_GateRefusesToDrainThePrimary_PrimaryNeverTouched_WatcherPaged(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1);
        rig.Haproxy["s2"].Unmount();
        await rig.Haproxy.WaitForStatusAsync("s2", "DOWN");
        await using var traffic = new FrontendTraffic(rig.Haproxy.Instances[0].FrontendUrl);

        var id = await rig.StartAsync(PlanRig.RollingReboot());
        var run = await rig.WaitForStateAsync(id, "halted");

        var halt = run["halt"]!;
        Assert.Equal("lb-1", halt["host"]!.ToString());
        Assert.Equal("gate: pool_min_healthy", halt["stepName"]!.ToString());
        Assert.Contains("below min_healthy 1", halt["reason"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains(halt["failures"]!.AsArray(), f => f!.ToString().Contains("s2", StringComparison.Ordinal));
        Assert.Equal(0, await rig.RebootsAsync("lb-1"));
        Assert.Equal("UP", await rig.Haproxy.Instances[0].StatusOfAsync("web", "s1"));
        var page = await Eventually.GetAsync(() => Task.FromResult(rig.Phone.Received("alice")), r => r.Count > 0);
        var body = page[0].Body;
        foreach (var expected in new[] { "rolling-reboot", id, "lb-1", "pool_min_healthy", $"vigil plan retry {id}", $"vigil plan skip {id}", $"vigil plan abort {id}" })
        {
            Assert.Contains(expected, body, StringComparison.Ordinal);
        }
        Assert.Empty(traffic.Failures);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task RebootThatLosesData_HaltsAtPostBoot_MemberStaysInMaint_WatcherPagedWithTheFailingCheck(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1, loseData: ["lb-1"]);
        await using var traffic = new FrontendTraffic(rig.Haproxy.Instances[0].FrontendUrl);

        var id = await rig.StartAsync(PlanRig.RollingReboot());
        var run = await rig.WaitForStateAsync(id, "halted", seconds: 120);

        var halt = run["halt"]!;
        Assert.Equal("lb-1", halt["host"]!.ToString());
        Assert.Equal("verify: post_boot", halt["stepName"]!.ToString());
        Assert.Contains(halt["failures"]!.AsArray(), f => f!.ToString().Contains("/data", StringComparison.Ordinal));
        var page = await Eventually.GetAsync(() => Task.FromResult(rig.Phone.Received("alice")), r => r.Count > 0);
        // Whoever is paged and reads the run at once already sees the member kept out: it is noted before the page opens.
        Assert.Contains((await rig.EventsAsync(id)).Select(e => e!.ToString()), e => e.StartsWith("kept_out lb-1", StringComparison.Ordinal));
        Assert.Contains("/data", page[0].Body, StringComparison.Ordinal);
        Assert.Contains("post_boot", page[0].Body, StringComparison.Ordinal);
        Assert.Contains($"vigil plan retry {id}", page[0].Body, StringComparison.Ordinal);
        Assert.Equal("MAINT", await rig.Haproxy.Instances[0].StatusOfAsync("web", "s1"));
        Assert.Equal(0, await rig.RebootsAsync("lb-2"));
        Assert.Empty(traffic.Failures);
        // The page is noted on the run once it is opened, which can reach the phone first.
        var events = await Eventually.GetAsync(async () => (await rig.EventsAsync(id)).Select(e => e!.ToString()).ToList(),
            e => e.Any(x => x.StartsWith("paged lb-1", StringComparison.Ordinal)));
        Assert.Contains(events, e => e.StartsWith("kept_out lb-1", StringComparison.Ordinal));
        Assert.Contains(events, e => e.StartsWith("paged lb-1", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AgentRefusingANonAllowListedAction_HaltsWithTheRefusalOnTheRun_AndInTheAuditLog(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1, allowed: "mount-all");

        var id = await rig.StartAsync(PlanRig.RollingReboot());
        var run = await rig.WaitForStateAsync(id, "halted");

        var halt = run["halt"]!;
        Assert.Equal("agent: reboot", halt["stepName"]!.ToString());
        Assert.Contains("refused", halt["reason"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("not_allowed", halt["reason"]!.ToString(), StringComparison.Ordinal);
        var audit = JsonNode.Parse(await rig.Vigil.Http.GetStringAsync("api/v1/audit?limit=1000"))!.AsArray();
        Assert.Contains(audit, a => a!["action"]!.ToString() == "refused" && a["actor"]!.ToString() == "agent:lb-1");
        Assert.Contains(audit, a => a!["action"]!.ToString() == "requested" && a["actor"]!.ToString() == $"plan-run:{id}");
        // It had been drained and set to maint before the reboot was asked for: it stays out.
        Assert.Equal("MAINT", await rig.Haproxy.Instances[0].StatusOfAsync("web", "s1"));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ServerRestartMidPlan_ResumesTheRunAtItsStep_NoHostRebootedTwice(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1);
        var id = await rig.StartAsync(PlanRig.RollingReboot());
        // Restart once lb-1's reboot was asked for and started, while the run waits for it to come back.
        await Eventually.GetAsync(() => rig.RunAsync(id), r => r["hosts"]![0]!["results"]!.AsArray().Any(x => x!["name"]!.ToString() == "wait: host_back"),
            TimeSpan.FromSeconds(60));
        await rig.WaitRebootedAsync("lb-1");
        await rig.Vigil.RestartAsync();
        // The restarted server listens on a new port: the agents follow it.
        await rig.ReconnectAgentsAsync();

        var run = await rig.WaitForStateAsync(id, "succeeded", seconds: 180);
        // Seen once in 3 loops before this message was added: lb-2 with no reboot request in a succeeded run.
        var why = $"{run}\n{string.Join('\n', (await rig.EventsAsync(id)).Select(e => e!.ToString()))}";
        Assert.True(await rig.RebootsAsync("lb-1") == 1, why);
        Assert.True(await rig.RebootsAsync("lb-2") == 1, why);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task WhileOneHostReboots_ItsWindowMutesOnlyThatHostsHostDown_AndEndsWhenTheRunIsAborted(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1);
        var id = await rig.StartAsync(PlanRig.RollingReboot(steps:
        [
            new PlanStep { Kind = PlanStepKind.Agent, What = "reboot", Timeout = TimeSpan.FromSeconds(30) },
            new PlanStep { Kind = PlanStepKind.Wait, What = "host_back", Timeout = TimeSpan.FromSeconds(30) },
            new PlanStep { Kind = PlanStepKind.Wait, What = "duration", Duration = TimeSpan.FromMinutes(5) },
        ]));
        var windowId = (await rig.RunAsync(id))["windowId"]!.ToString();

        // lb-1 rebooted and now waits: it is in its disruptive part until its last step ends.
        await Eventually.GetAsync(() => rig.RunAsync(id), r => r["hosts"]![0]!["results"]!.AsArray().Any(x => x!["name"]!.ToString().StartsWith("wait: duration", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60));
        var window = await WindowAsync(rig, windowId);
        Assert.Equal("alertname=~\"HostDown|RebootNonRoutine\",host=\"lb-1\"", Assert.Single(window["expected"]!.AsArray())!.ToString().Trim('{', '}'));
        var posted = await rig.Vigil.PostAlertsAsync("""
            [{"labels":{"alertname":"HostDown","host":"lb-1","severity":"critical"}},
             {"labels":{"alertname":"HostDown","host":"lb-2","severity":"critical"}}]
            """);
        Assert.True(posted.IsSuccessStatusCode);
        var alerts = await Eventually.GetAsync(() => rig.Vigil.GetAlertsAsync("?filter=alertname%3D%22HostDown%22"), a => a.Count == 2);
        Assert.Equal("suppressed", StateOf(alerts, "lb-1"));
        Assert.Contains(windowId, alerts.Single(a => a!["labels"]!["host"]!.ToString() == "lb-1")!["status"]!["mutedBy"]!.AsArray().Select(x => x!.ToString()));
        Assert.Equal("active", StateOf(alerts, "lb-2"));

        // Aborting ends the run and its window: lb-1's HostDown, still firing, is heard again.
        var aborted = await rig.Vigil.Http.PostAsync($"api/v1/plans/runs/{id}/abort", null);
        Assert.True(aborted.IsSuccessStatusCode, await aborted.Content.ReadAsStringAsync());
        Assert.Equal("ended", (await WindowAsync(rig, windowId))["state"]!.ToString());
        var after = await Eventually.GetAsync(() => rig.Vigil.GetAlertsAsync("?filter=alertname%3D%22HostDown%22&filter=host%3D%22lb-1%22"),
            a => a.Count > 0 && a.All(x => x!["status"]!["state"]!.ToString() == "active"));
        Assert.NotEmpty(after);
        var audit = JsonNode.Parse(await rig.Vigil.Http.GetStringAsync("api/v1/audit?limit=1000"))!.AsArray();
        Assert.Contains(audit, a => a!["action"]!.ToString() == "expect" && a["actor"]!.ToString() == $"plan-run:{id}");
        // The window expected lb-1's HostDown before lb-1's agent was handed the reboot, not after.
        var reboot = (await rig.RunAsync(id))["hosts"]![0]!["results"]!.AsArray().Single(r => r!["name"]!.ToString() == "agent: reboot")!["actionId"]!.ToString();
        var expectedLb1 = audit.Where(a => a!["action"]!.ToString() == "expect" && a["objectId"]!.ToString() == windowId
            && a["after"]!["expected"]!.ToJsonString().Contains("lb-1", StringComparison.Ordinal)).Min(a => a!["id"]!.GetValue<long>());
        var delivered = audit.Single(a => a!["action"]!.ToString() == "delivered" && a["objectId"]!.ToString() == reboot)!["id"]!.GetValue<long>();
        Assert.True(expectedLb1 < delivered, $"window narrowed to lb-1 at audit record {expectedLb1}, reboot {reboot} delivered at {delivered}");
    }

    private static async Task<JsonObject> WindowAsync(PlanRig rig, string id) =>
        JsonNode.Parse(await rig.Vigil.Http.GetStringAsync($"api/v1/maintenance/{id}"))!.AsObject();

    private static string StateOf(JsonArray alerts, string host) =>
        alerts.Single(a => a!["labels"]!["host"]!.ToString() == host)!["status"]!["state"]!.ToString();
}
