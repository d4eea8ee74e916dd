using Vigil.Server.Plans.Runs;

namespace Vigil.Server.Tests.Plans;

/// <summary>Finding and replacing a host of a run, small or large: the lists made from a run keep its order and its hosts.</summary>
public sealed class HostPositionsTests
{
    private static IReadOnlyList<HostRun> Hosts(int count) => [.. Enumerable.Range(1, count).Select(i => new HostRun($"web-{i:000}", (i - 1) / 50, []))];

    [Theory]
    [InlineData(3)]
    [InlineData(500)]
    public void EveryHost_IsFoundWhereItIs_AndAnUnknownHostNowhere(int count)
    {
        var hosts = Hosts(count);

        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i, HostPositions.Of(hosts, $"web-{i + 1:000}"));
        }
        Assert.Equal(-1, HostPositions.Of(hosts, "db-1"));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(500)]
    public void ReplacingAHost_ChangesOnlyItsPlace_InANewList_AndLeavesTheOldOneAsItWas(int count)
    {
        var hosts = Hosts(count);
        var changed = hosts[1] with { BootBefore = "boot-2" };

        var after = HostPositions.Replaced(hosts, changed);
        var again = HostPositions.Replaced(after, after[count - 1] with { Failed = true });

        Assert.Same(changed, after[1]);
        Assert.Null(hosts[1].BootBefore);
        Assert.Equal(count, again.Count);
        Assert.True(again[count - 1].Failed);
        Assert.Same(changed, again[1]);
        Assert.Equal(count - 1, HostPositions.Of(again, $"web-{count:000}"));
        Assert.All(Enumerable.Range(0, count).Where(i => i != 1 && i != count - 1), i => Assert.Same(hosts[i], again[i]));
        Assert.Equal([.. hosts.Select(h => h.Host)], again.Select(h => h.Host));
        Assert.False(after[count - 1].Failed);
    }

    [Fact]
    public void ReplacingAHostTheRunDoesNotHave_LeavesTheListUnchanged()
    {
        var hosts = Hosts(500);

        var after = HostPositions.Replaced(hosts, new HostRun("db-1", 0, []));

        Assert.Equal(hosts, after);
        Assert.Equal(-1, HostPositions.Of(after, "db-1"));
    }

    [Fact]
    public void ARunOf500Hosts_FindsEachHostOfItsChangedVersions_AsTheRunRulesChangeThem()
    {
        var plan = new Vigil.Server.Plans.PlanDefinition
        {
            Name = "reboot",
            Targets = new Vigil.Server.Plans.PlanTargets { Hosts = ["web-001"] },
            Serial = new Vigil.Server.Plans.PlanSerial([new Vigil.Server.Plans.SerialSize(50, false)]),
            Steps = [new Vigil.Server.Plans.PlanStep { Kind = Vigil.Server.Plans.PlanStepKind.Haproxy, What = "drain" }],
        };
        var now = new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
        var run = RunRules.Create("r1", plan, [.. Hosts(500).Select(h => h.Host)], "alice", now).Next;

        foreach (var host in run.Hosts.Take(50).Select(h => h.Host))
        {
            run = RunRules.Start(run, host, 0, now).Next;
        }
        foreach (var host in run.Hosts.Take(50).Select(h => h.Host))
        {
            run = RunRules.Apply(run, host, 0, Observation.Pass("drained"), now).Next;
        }

        Assert.All(run.Hosts.Take(50), h => Assert.Equal(StepStatus.Passed, run.Find(h.Host)!.Last!.Status));
        Assert.All(run.Hosts.Skip(50), h => Assert.Empty(run.Find(h.Host)!.Results));
        Assert.Equal(1, RunRules.Settle(run, now)!.Next.Batch);
    }
}
