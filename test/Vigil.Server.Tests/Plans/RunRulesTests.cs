using Vigil.Server.Plans;
using Vigil.Server.Plans.Runs;

namespace Vigil.Server.Tests.Plans;

/// <summary>The pure rules of runs: batches in lockstep, halts by default, inconclusive pauses, max_fail across the plan, a person's commands.</summary>
public sealed class RunRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 4, 0, 0, TimeSpan.Zero);

    private static PlanDefinition Plan(int maxFail = 0, PlanSerial? serial = null) => new()
    {
        Name = "rolling",
        Targets = new PlanTargets { Hosts = ["a", "b", "c"] },
        Serial = serial ?? PlanSerial.One,
        MaxFail = maxFail,
        Steps =
        [
            new PlanStep { Kind = PlanStepKind.Gate, What = "pool_min_healthy" },
            new PlanStep { Kind = PlanStepKind.Haproxy, What = "drain" },
            new PlanStep { Kind = PlanStepKind.Verify, What = "post_boot" },
        ],
    };

    private static PlanRun New(int maxFail = 0, PlanSerial? serial = null) => RunRules.Create("r1", Plan(maxFail, serial), ["a", "b", "c"], "alice", T0).Next;

    private static PlanRun Step(PlanRun run, string host, int step, Observation seen)
    {
        run = RunRules.Start(run, host, step, T0).Next;
        run = RunRules.Apply(run, host, step, seen, T0.AddSeconds(1)).Next;
        return RunRules.Settle(run, T0.AddSeconds(1))?.Next ?? run;
    }

    private static PlanRun Host(PlanRun run, string host)
    {
        for (var s = 0; s < 3; s++)
        {
            run = Step(run, host, s, Observation.Pass("ok"));
        }
        return run;
    }

    [Fact]
    public void Create_CutsHostsIntoBatchesBySerial_AndStartsRunning()
    {
        var run = New(serial: new PlanSerial([new SerialSize(1, false), new SerialSize(2, false)]));
        Assert.Equal(RunState.Running, run.State);
        Assert.Equal(2, run.BatchCount);
        Assert.Equal([0, 1, 1], run.Hosts.Select(h => h.Batch));
        Assert.Equal(["a"], RunRules.Next(run)!.Hosts);
    }

    [Fact]
    public void Next_MovesHostsOfABatchThroughTheStepsTogether()
    {
        var run = New(serial: new PlanSerial([new SerialSize(2, false)]));
        var work = RunRules.Next(run)!;
        Assert.Equal(0, work.Step);
        Assert.Equal(["a", "b"], work.Hosts);
        run = Step(run, "a", 0, Observation.Pass("ok"));
        work = RunRules.Next(run)!;
        Assert.Equal(0, work.Step);
        Assert.Equal(["b"], work.Hosts);
    }

    [Fact]
    public void EveryStepPassing_RunsEachHostInTurn_AndSucceeds()
    {
        var run = New();
        foreach (var host in new[] { "a", "b", "c" })
        {
            Assert.Equal([host], RunRules.Next(run)!.Hosts);
            run = Host(run, host);
        }
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Null(RunRules.Next(run));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(2, 1)]
    public void AFailedStep_WithMaxFailZero_HaltsAndNothingProceeds(int step, int maxFail)
    {
        var run = New(maxFail);
        if (maxFail == 1)
        {
            for (var s = 0; s < step; s++)
            {
                run = Step(run, "a", s, Observation.Pass("ok"));
            }
            run = Step(run, "a", step, Observation.Fail("first"));
            Assert.Equal(RunState.Running, run.State);
            Assert.True(run.Find("a")!.Failed);
            Assert.Equal(["b"], RunRules.Next(run)!.Hosts);
            run = Step(run, "b", 0, Observation.Fail("second", ["mount /data: not mounted"]));
            Assert.Equal(RunState.Halted, run.State);
            Assert.Equal("b", run.Halt!.Host);
            Assert.Equal(["mount /data: not mounted"], run.Halt.Failures);
            Assert.Equal(2, run.FailCount);
            Assert.Null(RunRules.Next(run));
            return;
        }
        for (var s = 0; s < step; s++)
        {
            run = Step(run, "a", s, Observation.Pass("ok"));
        }
        run = Step(run, "a", step, Observation.Fail("refused", ["why"]));
        Assert.Equal(RunState.Halted, run.State);
        Assert.Equal(("a", step, "refused"), (run.Halt!.Host, run.Halt.Step, run.Halt.Reason));
        Assert.Equal(["why"], run.Halt.Failures);
        Assert.Null(RunRules.Next(run));
    }

    [Fact]
    public void MaxFail_CountsAcrossBatches_NotPerBatch()
    {
        var run = New(maxFail: 1);
        run = Step(run, "a", 0, Observation.Fail("gate"));
        Assert.Equal(RunState.Running, run.State);
        run = Host(run, "b");
        run = Step(run, "c", 0, Observation.Fail("gate"));
        Assert.Equal(RunState.Halted, run.State);
        Assert.Equal(2, run.FailCount);
    }

    [Fact]
    public void AnInconclusiveStep_PausesForAPerson_AndResumeRunsItAgain()
    {
        var run = Step(New(), "a", 0, Observation.NoData("HAProxy unreachable"));
        Assert.Equal(RunState.Paused, run.State);
        Assert.Contains("HAProxy unreachable", run.PauseReason);
        Assert.Equal(StepStatus.Inconclusive, run.Find("a")!.Last!.Status);
        Assert.Null(RunRules.Next(run));
        run = RunRules.Command(run, RunCommand.Resume, "bob", T0).Change!.Next;
        Assert.Equal(["a"], RunRules.Next(run)!.Hosts);
        Assert.Equal(0, RunRules.Next(run)!.Step);
    }

    [Fact]
    public void Retry_RunsTheFailedStepAgain_Skip_GoesOnWithTheNext()
    {
        var halted = Step(New(), "a", 0, Observation.Fail("refused"));
        var retried = RunRules.Command(halted, RunCommand.Retry, "bob", T0).Change!.Next;
        Assert.Equal(RunState.Running, retried.State);
        Assert.Equal(0, RunRules.Next(retried)!.Step);
        Assert.Equal(0, retried.FailCount);
        var skipped = RunRules.Command(halted, RunCommand.Skip, "bob", T0).Change!.Next;
        Assert.Equal(1, RunRules.Next(skipped)!.Step);
        Assert.Equal(StepStatus.Skipped, skipped.Find("a")!.Results[0].Status);
    }

    [Theory]
    [InlineData(RunState.Running, RunCommand.Pause, true)]
    [InlineData(RunState.Running, RunCommand.Resume, false)]
    [InlineData(RunState.Running, RunCommand.Retry, false)]
    [InlineData(RunState.Running, RunCommand.Skip, false)]
    [InlineData(RunState.Running, RunCommand.Abort, true)]
    [InlineData(RunState.Paused, RunCommand.Pause, false)]
    [InlineData(RunState.Paused, RunCommand.Resume, true)]
    [InlineData(RunState.Paused, RunCommand.Abort, true)]
    [InlineData(RunState.Halted, RunCommand.Resume, false)]
    [InlineData(RunState.Halted, RunCommand.Retry, true)]
    [InlineData(RunState.Halted, RunCommand.Skip, true)]
    [InlineData(RunState.Halted, RunCommand.Abort, true)]
    [InlineData(RunState.Succeeded, RunCommand.Abort, false)]
    [InlineData(RunState.Aborted, RunCommand.Resume, false)]
    public void Commands_ApplyOnlyInTheirStates_OtherwiseSayWhy(RunState state, RunCommand command, bool applies)
    {
        var run = state == RunState.Halted ? Step(New(), "a", 0, Observation.Fail("refused")) : New() with { State = state };
        var (change, problem) = RunRules.Command(run, command, "bob", T0);
        Assert.Equal(applies, change is not null);
        Assert.Equal(applies, problem is null);
        if (!applies)
        {
            Assert.Contains(state.Name(), problem);
        }
    }

    [Fact]
    public void Pause_LetsTheStepInFlightFinish_ButStartsNoOther()
    {
        var run = RunRules.Start(New(), "a", 0, T0).Next;
        run = RunRules.Command(run, RunCommand.Pause, "bob", T0).Change!.Next;
        run = RunRules.Apply(run, "a", 0, Observation.Pass("ok"), T0).Next;
        Assert.Equal(StepStatus.Passed, run.Find("a")!.Last!.Status);
        Assert.Equal(RunState.Paused, run.State);
        Assert.Null(RunRules.Next(run));
    }

    [Fact]
    public void Start_OfAStepAlreadyRunning_KeepsItsActionToResumeIt()
    {
        var run = RunRules.Start(New(), "a", 0, T0).Next;
        run = RunRules.Note(run, "a", 0, "act-1", "boot-1", T0);
        var again = RunRules.Start(run, "a", 0, T0.AddMinutes(1));
        Assert.Empty(again.Events);
        Assert.Equal("act-1", again.Next.Find("a")!.Last!.ActionId);
        Assert.Equal("boot-1", again.Next.Find("a")!.BootBefore);
    }

    [Fact]
    public void Touched_OnlyOnceAnActionTookEffect()
    {
        var plan = Plan();
        var run = Step(New(), "a", 0, Observation.Pass("ok"));
        Assert.False(run.Find("a")!.Touched(plan));
        run = Step(run, "a", 1, Observation.Pass("drained"));
        Assert.True(run.Find("a")!.Touched(plan));
    }
}
