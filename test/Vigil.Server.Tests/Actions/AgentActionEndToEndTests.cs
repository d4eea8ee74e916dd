using System.Text.Json.Nodes;
using Vigil.Server.Tests.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Actions;

/// <summary>Agent actions with the real server and the real agent process: asked for over the API, pulled by the agent, run, reported.</summary>
public sealed class AgentActionEndToEndTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AllowListedAction_RunsOnTheAgent_AndItsOutcomeIsVisibleAndAudited(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        using var root = new AgentRoot();
        root.Boot("boot-a", dataMounted: true);
        var marker = Path.Join(root.Dir, "mounted-all");
        await using var agent = await ActionAgent.StartAsync(vigil, "web-1", root, $"  mount-all: [/bin/sh, -c, 'echo mounting; touch {marker}']");

        var id = (await ActionClient.RequestAsync(vigil, "web-1", "mount-all", "the /data volume did not mount"))["id"]!.ToString();
        var detail = await ActionClient.WaitAsync(vigil, "web-1", id);

        Assert.True(ActionClient.State(detail) == "succeeded", $"{detail}\n{agent.Output}");
        var action = detail["action"]!;
        Assert.Equal(0, action["exitCode"]!.GetValue<int>());
        Assert.Contains("mounting", action["output"]!.ToString(), StringComparison.Ordinal);
        Assert.False(action["awaitsBoot"]!.GetValue<bool>());
        Assert.True(File.Exists(marker));
        Assert.Equal(["requested", "delivered", "received", "running", "succeeded"], ActionClient.EventKinds(detail));
        var audit = await ActionClient.AuditAsync(vigil, id);
        Assert.Equal(["requested", "delivered", "received", "running", "succeeded"], audit.Select(a => a.Action));
        Assert.Equal(["admin", "agent:web-1", "agent:web-1", "agent:web-1", "agent:web-1"], audit.Select(a => a.Actor));
        Assert.Equal("succeeded", audit[^1].After!["state"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ActionNotInTheAllowList_IsRefusedByTheAgent_AndTheRefusalIsOnTheActionAndAudited(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        using var root = new AgentRoot();
        root.Boot("boot-a", dataMounted: true);
        await using var agent = await ActionAgent.StartAsync(vigil, "web-1", root, "  mount-all: [/bin/true]");

        var id = (await ActionClient.RequestAsync(vigil, "web-1", "wipe-disk", "not something this agent allows"))["id"]!.ToString();
        var detail = await ActionClient.WaitAsync(vigil, "web-1", id);

        Assert.True(ActionClient.State(detail) == "refused", $"{detail}\n{agent.Output}");
        Assert.Equal("not_allowed", detail["action"]!["refusal"]!.ToString());
        Assert.Contains("allowed: mount-all", detail["action"]!["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.Null(detail["action"]!["startedAt"]);
        var refusal = Assert.Single(await ActionClient.AuditAsync(vigil, id), a => a.Action == "refused");
        Assert.Equal("agent:web-1", refusal.Actor);
        Assert.Equal("not_allowed", refusal.After!["refusal"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Reboot_StaysRunningUntilTheHostReportsANewBootId_ThenSucceedsWithIt(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        using var root = new AgentRoot();
        root.Boot("boot-a", dataMounted: true);
        var reboot = root.WriteRebootScript("boot-b", loseData: true);
        await using var agent = await ActionAgent.StartAsync(vigil, "lb-1", root, $"  reboot: {{run: [/bin/sh, {reboot}], timeout: 30s}}");

        var created = await ActionClient.RequestAsync(vigil, "lb-1", "reboot", "kernel update");
        Assert.True(created["awaitsBoot"]!.GetValue<bool>());
        Assert.Equal("boot-a", created["bootIdBefore"]!.ToString());
        var detail = await ActionClient.WaitAsync(vigil, "lb-1", created["id"]!.ToString(),
            d => ActionClient.Finished(d) && d["action"]!["exitCode"] is not null);

        Assert.True(ActionClient.State(detail) == "succeeded", $"{detail}\n{agent.Output}");
        Assert.Equal("boot-b", detail["action"]!["newBootId"]!.ToString());
        Assert.Equal(0, detail["action"]!["exitCode"]!.GetValue<int>());
        // The command's exit and the new boot's report race (the agent reports right after the action); both are kept.
        Assert.Equal(["delivered", "exited", "received", "requested", "running", "succeeded"], ActionClient.EventKinds(detail).Order(StringComparer.Ordinal));
        // The reboot is done; the host is not healthy: /data did not come back, and post-boot verification says so.
        var host = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/hosts/lb-1"))!;
        Assert.Equal("boot-b", host["pendingVerification"]!["bootId"]!.ToString());
        Assert.Contains(host["checks"]!.AsArray(), c => c!["subject"]!["mountpoint"]?.ToString() == "/data" && !c["passed"]!.GetValue<bool>());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Request_MadeBeforeARestart_IsDeliveredAfterIt_SignedWithTheSameKey(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        using var root = new AgentRoot();
        root.Boot("boot-a", dataMounted: true);
        var marker = Path.Join(root.Dir, "restarted-unicorn");
        await using var agent = await ActionAgent.StartAsync(vigil, "web-2", root, $"  restart-unicorn: [/bin/sh, -c, 'touch {marker}']");
        await agent.StopAsync();

        var id = (await ActionClient.RequestAsync(vigil, "web-2", "restart-unicorn", "staged recovery", expiresIn: "5m"))["id"]!.ToString();
        await vigil.RestartAsync();
        await agent.StartProcessAsync(vigil);
        var detail = await ActionClient.WaitAsync(vigil, "web-2", id);

        Assert.True(ActionClient.State(detail) == "succeeded", $"{detail}\n{agent.Output}");
        Assert.True(File.Exists(marker));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Request_WhosePollAnswerWasLost_IsHandedOverAgain_AndRunsOnce(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        using var root = new AgentRoot();
        root.Boot("boot-a", dataMounted: true);
        var runs = Path.Join(root.Dir, "unicorn-restarts");
        await using var agent = await ActionAgent.StartAsync(vigil, "web-2", root, $"  restart-unicorn: [/bin/sh, -c, 'echo ran >> {runs}']");
        await agent.StopAsync();

        var id = (await ActionClient.RequestAsync(vigil, "web-2", "restart-unicorn", "staged recovery", expiresIn: "5m"))["id"]!.ToString();
        // A poll took the request and its answer never reached an agent: this poll, or the stopped agent's own long-poll
        // when the server had not yet seen that agent's connection close as the request came (both are a lost answer).
        await ActionClient.PollAsAgentAsync(vigil, agent.Token, wait: "0s");
        var taken = await ActionClient.WaitAsync(vigil, "web-2", id, d => ActionClient.State(d) == "delivered");
        Assert.Equal(["requested", "delivered"], ActionClient.EventKinds(taken));
        await agent.StartProcessAsync(vigil);
        var detail = await ActionClient.WaitAsync(vigil, "web-2", id);

        Assert.True(ActionClient.State(detail) == "succeeded", $"{detail}\n{agent.Output}");
        Assert.Equal(["requested", "delivered", "redelivered", "received", "running", "succeeded"], ActionClient.EventKinds(detail));
        Assert.Equal(["ran"], File.ReadAllLines(runs));
    }
}
