using Vigil.Server.Labels;
using Vigil.Server.Plans;
using Vigil.Server.Plans.Runs;

namespace Vigil.Server.Tests.Plans;

/// <summary>What a run's window expects: a host's HostDown only while that host is between its reboot and its last step.</summary>
public sealed class PlanWindowRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 4, 0, 0, TimeSpan.Zero);

    private static readonly PlanDefinition Plan = new()
    {
        Name = "reboot",
        Targets = new PlanTargets { Hosts = ["lb-1", "lb-2"] },
        Serial = PlanSerial.One,
        Steps =
        [
            new PlanStep { Kind = PlanStepKind.Haproxy, What = "drain" },
            new PlanStep { Kind = PlanStepKind.Agent, What = "reboot" },
            new PlanStep { Kind = PlanStepKind.Verify, What = "post_boot" },
        ],
    };

    private static PlanRun New() => RunRules.Create("r1", Plan, ["lb-1", "lb-2"], "alice", T0).Next;

    private static PlanRun Start(PlanRun run, string host, int step) => RunRules.Start(run, host, step, T0).Next;

    private static PlanRun Finish(PlanRun run, string host, int step, Observation seen)
    {
        run = RunRules.Apply(run, host, step, seen, T0.AddSeconds(1)).Next;
        return RunRules.Settle(run, T0.AddSeconds(1))?.Next ?? run;
    }

    private static PlanRun Pass(PlanRun run, string host, int step) => Finish(Start(run, host, step), host, step, Observation.Pass("ok"));

    private static string Text(PlanRun run) => string.Join(" | ", PlanWindowRules.Expected(run).Select(Matcher.ListToString));

    [Fact]
    public void Expected_IsEmpty_WhileNoHostHasReachedItsReboot()
    {
        var run = New();
        Assert.Empty(PlanWindowRules.Expected(run));
        run = Pass(run, "lb-1", 0);
        Assert.Empty(PlanWindowRules.Expected(run));
    }

    [Fact]
    public void Expected_NamesOnlyTheHostBeingRebooted_FromItsAgentStepUntilItsLastStep()
    {
        var run = Pass(New(), "lb-1", 0);
        run = Start(run, "lb-1", 1);
        Assert.Equal(["lb-1"], PlanWindowRules.Disrupted(run));
        Assert.Equal("{alertname=~\"HostDown|RebootNonRoutine\",host=\"lb-1\"}", Text(run));
        run = Finish(run, "lb-1", 1, Observation.Pass("rebooted"));
        run = Start(run, "lb-1", 2);
        Assert.Equal(["lb-1"], PlanWindowRules.Disrupted(run));
        run = Finish(run, "lb-1", 2, Observation.Pass("checks pass"));
        Assert.Empty(PlanWindowRules.Expected(run));
        run = Pass(run, "lb-2", 0);
        run = Start(run, "lb-2", 1);
        Assert.Equal(["lb-2"], PlanWindowRules.Disrupted(run));
    }

    [Fact]
    public void Expected_IsEmpty_OnceTheRunHalts_SoAHostThatStaysDownIsHeard()
    {
        var run = Pass(Pass(New(), "lb-1", 0), "lb-1", 1);
        run = Finish(Start(run, "lb-1", 2), "lb-1", 2, Observation.Fail("/data is not mounted"));
        Assert.Equal(RunState.Halted, run.State);
        Assert.Empty(PlanWindowRules.Expected(run));
        Assert.False(PlanWindowRules.EndsWindow(run));
    }

    [Fact]
    public void Expected_KeepsTheHost_WhileTheRunIsPausedInTheMiddleOfIt()
    {
        var run = Start(Pass(New(), "lb-1", 0), "lb-1", 1);
        run = RunRules.Command(run, RunCommand.Pause, "alice", T0).Change!.Next;
        Assert.Equal(RunState.Paused, run.State);
        Assert.Equal(["lb-1"], PlanWindowRules.Disrupted(run));
    }

    [Fact]
    public void EndsWindow_OnceTheRunSucceededOrWasAborted()
    {
        var run = New();
        foreach (var host in new[] { "lb-1", "lb-2" })
        {
            for (var s = 0; s < 3; s++)
            {
                run = Pass(run, host, s);
            }
        }
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.True(PlanWindowRules.EndsWindow(run));
        Assert.Empty(PlanWindowRules.Expected(run));
        var aborted = RunRules.Command(New(), RunCommand.Abort, "alice", T0).Change!.Next;
        Assert.True(PlanWindowRules.EndsWindow(aborted));
    }
}
