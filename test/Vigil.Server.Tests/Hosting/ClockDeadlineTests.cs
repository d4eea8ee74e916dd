using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Hosting;

namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// Waiting for a deadline on a virtual clock that another thread advances: the background loops (auto-open, windows,
/// escalation) sleep until their next due time while a test or a drill moves the clock. A clock moved between the
/// loop's reading and the making of its timer must not push the deadline out by the step.
/// </summary>
public sealed class ClockDeadlineTests
{
    private static readonly DateTimeOffset Begin = new(2020, 5, 11, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A virtual clock that, once armed, moves on by a step right after handing out a reading — the moment a thread would be preempted.</summary>
    private sealed class ClockMovedAfterNextReading(TimeSpan step) : FakeTimeProvider(Begin)
    {
        private int _armed = 1;

        public override DateTimeOffset GetUtcNow()
        {
            var now = base.GetUtcNow();
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Advance(step);
            }
            return now;
        }
    }

    [Fact]
    public async Task ADeadlineReachedWhileTheTimerWasBeingMade_EndsTheWaitAtOnce()
    {
        var clock = new ClockMovedAfterNextReading(TimeSpan.FromSeconds(30));

        var wait = ClockDeadline.DelayUntilAsync(clock, Begin.AddSeconds(30), TestContext.Current.CancellationToken);

        await wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(Begin.AddSeconds(30), clock.GetUtcNow());
    }

    [Fact]
    public async Task AClockMovedPartWayWhileTheTimerWasBeingMade_StillEndsTheWaitAtTheDeadlineNotAStepLater()
    {
        var clock = new ClockMovedAfterNextReading(TimeSpan.FromSeconds(10));

        var wait = ClockDeadline.DelayUntilAsync(clock, Begin.AddSeconds(30), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.False(wait.IsCompleted, "the wait ended a second before its deadline");
        clock.Advance(TimeSpan.FromSeconds(1));

        await wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ALoopsWakeSignal_WhoseClockReachesTheDeadlineWhileItArms_ReturnsAtOnce()
    {
        var clock = new ClockMovedAfterNextReading(TimeSpan.FromSeconds(30));
        var signal = new WakeSignal(clock);

        await signal.WaitAsync(Begin.AddSeconds(30), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(Begin.AddSeconds(30), clock.GetUtcNow());
    }

    [Fact]
    public async Task AWaitBeforeItsDeadline_EndsWhenItIsWokenOrWhenTheClockGetsThere_NotBefore()
    {
        var clock = new FakeTimeProvider(Begin);
        var signal = new WakeSignal(clock);

        var woken = signal.WaitAsync(Begin.AddMinutes(5), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False(woken.IsCompleted);
        signal.Wake();
        await woken.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var timed = signal.WaitAsync(Begin.AddMinutes(10), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(59));
        Assert.False(timed.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await timed.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
