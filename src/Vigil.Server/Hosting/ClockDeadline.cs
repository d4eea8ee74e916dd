namespace Vigil.Server.Hosting;

/// <summary>
/// Waits on a <see cref="TimeProvider"/> until a point in time. A timer counts its delay from the moment it is made, so
/// a delay worked out from an earlier reading of the clock ends late by however far the clock moved in between: on the
/// system clock by microseconds, but on a virtual clock that another thread advances meanwhile (tests, drills) by a
/// whole step — and when that step was the last, never. So the clock is read again once the timer is made, and the
/// wait starts over when it moved.
/// </summary>
public static class ClockDeadline
{
    /// <summary>More than a thread's normal pause between two readings, less than any step a virtual clock takes.</summary>
    private static readonly TimeSpan Moved = TimeSpan.FromMilliseconds(1);

    /// <summary>Returns at <paramref name="until"/> (at once when it has passed); throws when <paramref name="ct"/> is cancelled first.</summary>
    public static async Task DelayUntilAsync(TimeProvider clock, DateTimeOffset until, CancellationToken ct)
    {
        while (true)
        {
            var before = clock.GetUtcNow();
            if (until <= before)
            {
                return;
            }
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var timer = Task.Delay(until - before, clock, attempt.Token);
            if (clock.GetUtcNow() - before <= Moved)
            {
                await timer.ConfigureAwait(false);
                return;
            }
            await attempt.CancelAsync().ConfigureAwait(false);
            await timer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ct.ThrowIfCancellationRequested();
        }
    }
}
