using Vigil.Agent.Actions;
using Vigil.Contracts.Agents;
using Vigil.Server.Tests.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Actions;

/// <summary>
/// The agent's refusals of requests that reached it the wrong way, with the real server and the agent's own handler
/// fed the exact signed request the server handed out (as a replaying or misrouting attacker would).
/// </summary>
public sealed class AgentActionRefusalTests
{
    private static readonly ActionSpec[] FlushCache = [new("flush-cache", ["/bin/sh", "-c", "echo flushed"], TimeSpan.FromSeconds(10))];

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task SameSignedRequestTwice_IsRefusedAsReplayed_EvenAfterTheAgentRestarts(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        using var root = new AgentRoot();
        var agent = await ReportingHostAsync(vigil, root, "db-1");
        var id = (await ActionClient.RequestAsync(vigil, "db-1", "flush-cache", "cache is stale"))["id"]!.ToString();
        var signed = Assert.Single(await ActionClient.PollAsAgentAsync(vigil, agent.Token));

        var ran = await agent.Handler(vigil).HandleAsync(signed, TestContext.Current.CancellationToken);
        Assert.Equal("succeeded", ran.State);
        // The agent restarts: a new handler over the nonces it persisted.
        var replayed = await agent.Handler(vigil).HandleAsync(signed, TestContext.Current.CancellationToken);

        Assert.Equal(("refused", ActionRefusals.Replayed), (replayed.State, replayed.Reason));
        var detail = await ActionClient.WaitAsync(vigil, "db-1", id, d => ActionClient.EventKinds(d).Contains("refused"));
        Assert.Equal("succeeded", ActionClient.State(detail));
        Assert.Contains("replayed", detail["events"]!.AsArray().Last()!["detail"]!.ToString(), StringComparison.Ordinal);
        var refusal = Assert.Single(await ActionClient.AuditAsync(vigil, id), a => a.Action == "refused");
        Assert.Equal("agent:db-1", refusal.Actor);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ExpiredRequest_IsRefusedByTheAgent_AndNeverRuns(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        using var root = new AgentRoot();
        var agent = await ReportingHostAsync(vigil, root, "db-1");
        var id = (await ActionClient.RequestAsync(vigil, "db-1", "flush-cache", "cache is stale", expiresIn: "1s"))["id"]!.ToString();
        var signed = Assert.Single(await ActionClient.PollAsAgentAsync(vigil, agent.Token));
        var expiresAt = ActionSigning.ReadUnverified(signed)!.ExpiresAt;
        // Held back past its expiry, as a delayed or replayed request would be.
        while (TimeProvider.System.GetUtcNow() <= expiresAt)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var refused = await agent.Handler(vigil).HandleAsync(signed, TestContext.Current.CancellationToken);

        Assert.Equal(("refused", ActionRefusals.Expired), (refused.State, refused.Reason));
        var detail = await ActionClient.WaitAsync(vigil, "db-1", id);
        Assert.Equal("refused", ActionClient.State(detail));
        Assert.Equal("expired", detail["action"]!["refusal"]!.ToString());
        Assert.Contains(await ActionClient.AuditAsync(vigil, id), a => a.Action == "refused" && a.Actor == "agent:db-1");
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task RequestForAnotherHost_IsRefusedByTheAgent_AndTheRefusalIsInThatRequestsHistory(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        using var root1 = new AgentRoot();
        using var root2 = new AgentRoot();
        var db1 = await ReportingHostAsync(vigil, root1, "db-1");
        var db2 = await ReportingHostAsync(vigil, root2, "db-2");
        var id = (await ActionClient.RequestAsync(vigil, "db-2", "flush-cache", "for db-2 only"))["id"]!.ToString();
        var signed = Assert.Single(await ActionClient.PollAsAgentAsync(vigil, db2.Token));

        var refused = await db1.Handler(vigil).HandleAsync(signed, TestContext.Current.CancellationToken);

        Assert.Equal(("refused", ActionRefusals.WrongHost), (refused.State, refused.Reason));
        var detail = await ActionClient.WaitAsync(vigil, "db-2", id, d => ActionClient.EventKinds(d).Contains("refused"));
        Assert.Equal("delivered", ActionClient.State(detail));
        var ev = detail["events"]!.AsArray().Last()!;
        Assert.Equal("agent:db-1", ev["actor"]!.ToString());
        Assert.Contains("wrong_host", ev["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains(await ActionClient.AuditAsync(vigil, id), a => a.Action == "refused" && a.Actor == "agent:db-1");
    }

    /// <summary>A host whose real agent has reported once, with the parts to build its action handler.</summary>
    private static async Task<HostAgent> ReportingHostAsync(VigilInstance vigil, AgentRoot root, string host)
    {
        var (token, serverKey) = await ActionAgent.CreateTokenAsync(vigil, host);
        root.Boot("boot-a", dataMounted: true);
        var once = await root.RunAgentOnceAsync(vigil.Url, token, host);
        Assert.True(once.ExitCode == 0, once.Output);
        return new HostAgent(host, token, serverKey, Path.Join(root.Dir, "var/lib/vigil-agent"));
    }

    private sealed record HostAgent(string Host, string Token, string ServerKey, string StateDir)
    {
        /// <summary>The agent's handler as a freshly started agent has it (its nonces read back from its state folder).</summary>
        public ActionHandler Handler(VigilInstance vigil)
        {
            var http = vigil.CreateClient(Token);
            var nonces = NonceStore.Open(NonceStore.PathIn(StateDir), TimeProvider.System.GetUtcNow());
            return new ActionHandler(FlushCache, [ActionSigning.ImportPublicKey(ServerKey)!], Host, nonces, new ActionChannel(http, TextWriter.Null),
                TimeProvider.System, TextWriter.Null, () => { });
        }
    }
}
