using Vigil.Contracts.Agents;
using Vigil.Server.Actions;

namespace Vigil.Server.Tests.Actions;

/// <summary>The pure life of a request: delivery, the agent's reports, a new boot id, and time.</summary>
public sealed class ActionRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly ActionsOptions Options = new();

    private static AgentAction Request(ActionState state = ActionState.Pending, bool reboot = false) =>
        new("a1", "lb-1", reboot ? "reboot" : "mount-all", "why", "admin", state, "nonce-0123456789abcdef", T0, T0.AddSeconds(60), reboot, "boot-a", "{}")
        {
            DeliveredAt = state >= ActionState.Delivered ? T0.AddSeconds(1) : null,
            StartedAt = state >= ActionState.Running ? T0.AddSeconds(2) : null,
        };

    [Fact]
    public void Deliver_PendingBeforeExpiry_IsDelivered_AfterExpiryIsNot()
    {
        Assert.Equal(ActionState.Delivered, ActionRules.Deliver(Request(), T0.AddSeconds(5))!.Next.State);
        Assert.Null(ActionRules.Deliver(Request(), T0.AddSeconds(61)));
        Assert.Null(ActionRules.Deliver(Request(ActionState.Delivered), T0.AddSeconds(5)));
    }

    [Fact]
    public void Deliver_ADeliveryTheAgentNeverConfirmed_IsHandedOverAgainAfterTenSeconds_AReceivedOneIsNot()
    {
        var delivered = Request(ActionState.Delivered);

        Assert.Null(ActionRules.Deliver(delivered, T0.AddSeconds(10)));
        var again = ActionRules.Deliver(delivered, T0.AddSeconds(11))!;
        Assert.Equal(("redelivered", ActionState.Delivered, T0.AddSeconds(11)), (again.Kind, again.Next.State, again.Next.DeliveredAt));
        var (received, accepted, _) = ActionRules.Report(delivered, new ActionReport("received"), T0.AddSeconds(2));
        Assert.True(accepted);
        Assert.Equal(("received", T0.AddSeconds(2)), (received!.Kind, received.Next.ReceivedAt));
        Assert.Null(ActionRules.Deliver(received.Next, T0.AddSeconds(30)));
        Assert.Null(ActionRules.Deliver(delivered, T0.AddSeconds(61)));
    }

    [Theory]
    [InlineData(ActionState.Delivered, 5, true, ActionState.Running)]
    [InlineData(ActionState.Running, 5, true, ActionState.Running)]
    [InlineData(ActionState.Delivered, 95, false, ActionState.Expired)]
    [InlineData(ActionState.Refused, 5, false, ActionState.Refused)]
    [InlineData(ActionState.Succeeded, 5, false, ActionState.Succeeded)]
    public void RunningReport_StartsOnlyAnUnfinishedRequestWithinItsAckGrace(ActionState state, int atSecond, bool accepted, ActionState after)
    {
        var (change, ok, problem) = ActionRules.Report(Request(state), new ActionReport("running"), T0.AddSeconds(atSecond));
        Assert.Equal(accepted, ok);
        Assert.Equal(accepted, problem is null);
        Assert.Equal(after, change?.Next.State ?? state);
    }

    [Fact]
    public void Outcome_OfARunningAction_FinishesIt()
    {
        var (change, ok, _) = ActionRules.Report(Request(ActionState.Running), new ActionReport("failed", Message: "exit code 32", ExitCode: 32, Output: "no UUID"), T0.AddSeconds(9));
        Assert.True(ok);
        Assert.Equal((ActionState.Failed, 32, "no UUID"), (change!.Next.State, change.Next.ExitCode, change.Next.Output));
        Assert.Equal(T0.AddSeconds(9), change.Next.FinishedAt);
    }

    [Fact]
    public void Reboot_ExitingZero_KeepsRunningUntilANewBootId()
    {
        var exited = ActionRules.Report(Request(ActionState.Running, reboot: true), new ActionReport("succeeded", ExitCode: 0), T0.AddSeconds(3)).Change!;
        Assert.Equal(("exited", ActionState.Running, 0), (exited.Kind, exited.Next.State, exited.Next.ExitCode));
        Assert.Null(ActionRules.BootSeen(exited.Next, "boot-a", T0.AddSeconds(20)));
        var back = ActionRules.BootSeen(exited.Next, "boot-b", T0.AddSeconds(40))!;
        Assert.Equal((ActionState.Succeeded, "boot-b"), (back.Next.State, back.Next.NewBootId));
    }

    [Fact]
    public void Reboot_ExitingNonZero_Fails_AndANewBootDoesNotCompleteANonReboot()
    {
        var failed = ActionRules.Report(Request(ActionState.Running, reboot: true), new ActionReport("failed", ExitCode: 1), T0.AddSeconds(3)).Change!;
        Assert.Equal(ActionState.Failed, failed.Next.State);
        Assert.Null(ActionRules.BootSeen(Request(ActionState.Running), "boot-b", T0.AddSeconds(9)));
        Assert.Null(ActionRules.BootSeen(Request(ActionState.Delivered, reboot: true), "boot-b", T0.AddSeconds(9)));
    }

    [Fact]
    public void Refusal_OfAFinishedRequest_IsOnlyRecorded()
    {
        var ran = Request(ActionState.Succeeded);
        var (change, ok, _) = ActionRules.Report(ran, new ActionReport("refused", ActionRefusals.Replayed, "seen before"), T0.AddSeconds(30));
        Assert.True(ok);
        Assert.Equal(("refused", ran), (change!.Kind, change.Next));
        Assert.Contains("replayed", change.Detail, StringComparison.Ordinal);

        var refused = ActionRules.Report(Request(ActionState.Delivered), new ActionReport("refused", ActionRefusals.NotAllowed, "no"), T0.AddSeconds(3)).Change!;
        Assert.Equal((ActionState.Refused, "not_allowed"), (refused.Next.State, refused.Next.Refusal));
    }

    [Theory]
    [InlineData(ActionState.Pending, false, 60, 61, ActionState.Expired)]
    [InlineData(ActionState.Delivered, false, 90, 91, ActionState.Expired)]
    [InlineData(ActionState.Running, false, 3602, 3603, ActionState.Failed)]
    [InlineData(ActionState.Running, true, 902, 903, ActionState.Failed)]
    public void Due_ExpiresWhatNoAgentTookUp_AndFailsWhatNeverReportedBack(ActionState state, bool reboot, int quietUntil, int dueAt, ActionState after)
    {
        var request = Request(state, reboot);
        Assert.Equal(T0.AddSeconds(quietUntil), ActionRules.NextDue(request, Options));
        Assert.Null(ActionRules.Due(request, T0.AddSeconds(quietUntil), Options));
        Assert.Equal(after, ActionRules.Due(request, T0.AddSeconds(dueAt), Options)!.Next.State);
        Assert.Null(ActionRules.NextDue(ActionRules.Due(request, T0.AddSeconds(dueAt), Options)!.Next, Options));
    }
}
