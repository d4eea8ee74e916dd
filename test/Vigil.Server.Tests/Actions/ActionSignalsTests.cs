using Vigil.Server.Actions;

namespace Vigil.Server.Tests.Actions;

/// <summary>The in-process wake-ups of those waiting on a request: no change is missed, however quickly the next follows.</summary>
public sealed class ActionSignalsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static AgentAction Request(ActionState state) =>
        new("a1", "lb-1", "reboot", "why", "admin", state, "nonce-0123456789abcdef", T0, T0.AddSeconds(60), true, "boot-a", "{}");

    [Fact]
    public async Task TwoChangesInQuickSuccession_BothReachTheWaiter_ThoughTheSecondCameBeforeItLookedAtTheFirst()
    {
        var signals = new ActionSignals(TimeProvider.System);
        var waiting = signals.ForAction("a1");

        // Delivered, then running, before the waiter's continuation has run: the second must not fall between its waits.
        signals.WakeAction(Request(ActionState.Delivered));
        signals.WakeAction(Request(ActionState.Running));

        var first = await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(ActionState.Delivered, first.Stored.State);
        Assert.True(first.Next.IsCompleted, "the change after the first was lost");
        Assert.Equal(ActionState.Running, (await first.Next).Stored.State);
    }

    [Fact]
    public async Task AFinishedRequest_LeavesNoSignalBehind_AndANewWaiterWaitsAfresh()
    {
        var signals = new ActionSignals(TimeProvider.System);
        var waiting = signals.ForAction("a1");

        signals.WakeAction(Request(ActionState.Succeeded));

        Assert.Equal(ActionState.Succeeded, (await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Stored.State);
        var again = signals.ForAction("a1");
        Assert.NotSame(waiting, again);
        Assert.False(again.IsCompleted);
    }

    [Fact]
    public async Task ASignalForgotten_IsDropped_UnlessAChangeHadAlreadyReplacedIt()
    {
        var signals = new ActionSignals(TimeProvider.System);
        var held = signals.ForAction("a1");

        signals.Forget("a1", held);
        var fresh = signals.ForAction("a1");
        signals.WakeAction(Request(ActionState.Delivered));
        signals.Forget("a1", fresh);

        Assert.False(held.IsCompleted);
        Assert.True(fresh.IsCompleted);
        var next = (await fresh).Next;
        Assert.False(next.IsCompleted);
        Assert.Same(next, signals.ForAction("a1"));
    }

    [Fact]
    public void AChangeNobodyWaitsFor_KeepsNothing()
    {
        var signals = new ActionSignals(TimeProvider.System);

        signals.WakeAction(Request(ActionState.Delivered));

        Assert.False(signals.ForAction("a1").IsCompleted);
    }
}
