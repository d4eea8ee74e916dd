using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Plans.Runs;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Plans;

/// <summary>
/// The plan run warm-up after start-up takes a made-up run through the code a real run takes: it must reach every step
/// of every host, and nothing of it (or of the agent action warm-up beside it) may ever be seen — no run, no window, no
/// action request, no audit record.
/// </summary>
public sealed class PlanRunWarmUpTests
{
    /// <summary>A pool whose HAProxy nobody listens on: the warm-up needs none.</summary>
    private const string WithPool = Configs.Minimal + """

        pools:
          - name: web
            backend: web_servers
            min_healthy: 1
            haproxy:
              - address: 127.0.0.1:1
            members:
              web-1: lb-1
              web-2: lb-2
        """;

    [Fact]
    public void AWarmUpRound_TakesItsMadeUpRunThroughEveryStepOfEveryHost_InRampingBatches()
    {
        var run = PlanRunWarmUp.RunOnce(TimeProvider.System);

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(8, run.Hosts.Count);
        Assert.All(run.Hosts, h =>
        {
            Assert.Equal(run.Plan.Steps.Count, h.NextStep);
            Assert.Equal(Enumerable.Range(0, run.Plan.Steps.Count), h.Results.Select(r => r.Step));
            Assert.All(h.Results, r => Assert.Equal(StepStatus.Passed, r.Status));
        });
        // serial: [1, 2, "25%"] over 8 hosts: the ramp, then batches of 2.
        Assert.Equal([1, 2, 2, 2, 1], run.Hosts.GroupBy(h => h.Batch).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Contains(run.Plan.Steps, s => s.Kind == global::Vigil.Server.Plans.PlanStepKind.Agent);
        Assert.Contains(run.Plan.Steps, s => s.Kind == global::Vigil.Server.Plans.PlanStepKind.Wait);
    }

    [Fact]
    public void OnlyAServerWithAPoolOrAPlan_WarmsThePlanPaths()
    {
        Assert.False(PlanRunWarmUp.Wanted(ConfigLoader.Load(Configs.Minimal, "vigil.yaml")));
        Assert.True(PlanRunWarmUp.Wanted(ConfigLoader.Load(WithPool, "vigil.yaml")));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task WarmUpAfterStart_LeavesNoRunWindowActionOrAuditRecordBehind(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, WithPool);
        Assert.True(PlanRunWarmUp.Wanted(vigil.Services.GetRequiredService<ConfigHolder>().Current));

        await vigil.Services.GetRequiredService<ServerLifecycle>().WarmUp;

        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/plans/runs"))!.AsArray());
        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/maintenance"))!.AsArray());
        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/hosts/warm-up-01/actions"))!.AsArray());
        var audit = await vigil.Http.GetStringAsync("api/v1/audit?limit=1000");
        Assert.DoesNotContain("warm-up", audit, StringComparison.Ordinal);
    }
}
