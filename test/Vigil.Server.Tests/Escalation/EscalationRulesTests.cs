using Vigil.Server.Escalation;

namespace Vigil.Server.Tests.Escalation;

public sealed class EscalationRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly EscalationPolicy Policy = new("ops",
    [
        new EscalationLevel([new EscalationTarget(TargetKind.Person, "a")], TimeSpan.FromMinutes(5), false),
        new EscalationLevel([new EscalationTarget(TargetKind.Person, "b"), new EscalationTarget(TargetKind.Person, "c")], TimeSpan.FromMinutes(10), true),
    ], Repeat: 1, ReackAfter: TimeSpan.FromMinutes(30));

    private static Page PageAt(PageStep s, PageState state = PageState.Triggered) =>
        new(7, "k", "g", "r", "ops", "", null, "t", "d", state, s.Level, s.Round, s.Step, s.Rotation, s.NextStepAt, T0, null, null, null, null);

    [Fact]
    public void Walk_EscalatesEachLevel_RepeatsOnce_ThenStops()
    {
        var open = EscalationRules.Open(Policy, T0);
        Assert.Equal((0, 1L, T0.AddMinutes(5)), (open.NotifyLevel!.Value, open.Step, open.NextStepAt!.Value));
        Assert.Null(EscalationRules.Due(PageAt(open), Policy, T0.AddMinutes(4)));

        var second = EscalationRules.Due(PageAt(open), Policy, T0.AddMinutes(6))!;
        Assert.Equal(("escalated", 1, 0, T0.AddMinutes(16)), (second.Event, second.NotifyLevel!.Value, second.Round, second.NextStepAt!.Value));
        var repeat = EscalationRules.Due(PageAt(second), Policy, T0.AddMinutes(16))!;
        Assert.Equal(("repeated", 0, 1), (repeat.Event, repeat.NotifyLevel!.Value, repeat.Round));
        var third = EscalationRules.Due(PageAt(repeat), Policy, T0.AddMinutes(21))!;
        var done = EscalationRules.Due(PageAt(third), Policy, T0.AddMinutes(31))!;
        Assert.Equal(("exhausted", (int?)null, (DateTimeOffset?)null), (done.Event, done.NotifyLevel, done.NextStepAt));
        Assert.Null(EscalationRules.Due(PageAt(done), Policy, T0.AddDays(1)));
    }

    [Fact]
    public void RoundRobin_PagesOneTargetInTurn()
    {
        var open = EscalationRules.Open(Policy, T0);
        var first = EscalationRules.Due(PageAt(open), Policy, T0.AddMinutes(5))!;
        var repeat = EscalationRules.Due(PageAt(first), Policy, T0.AddMinutes(15))!;
        var second = EscalationRules.Due(PageAt(repeat), Policy, T0.AddMinutes(20))!;
        var a = Assert.Single(EscalationRules.TargetsOf(Policy.Levels[1], 7, first.Rotation));
        var b = Assert.Single(EscalationRules.TargetsOf(Policy.Levels[1], 7, second.Rotation));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void AcknowledgedPage_NotResolvedWithinReackAfter_IsTriggeredAgainAtItsLevel()
    {
        var open = EscalationRules.Open(Policy, T0);
        var acked = PageAt(open, PageState.Acknowledged) with { NextStepAt = EscalationRules.ReackDeadline(Policy, T0.AddMinutes(1)) };
        Assert.Null(EscalationRules.Due(acked, Policy, T0.AddMinutes(30)));
        var again = EscalationRules.Due(acked, Policy, T0.AddMinutes(31))!;
        Assert.Equal((PageState.Triggered, "reack_timeout", 0), (again.State, again.Event, again.NotifyLevel!.Value));
    }
}
