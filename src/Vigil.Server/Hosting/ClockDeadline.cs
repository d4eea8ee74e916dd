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

    /// <summary>
    /// Completes at <paramref name="until"/> (at once when it has passed), or is cancelled with <paramref name="ct"/>, as
    /// <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> is: in the usual case it is that very task, so a
    /// wait cut short by its token costs no exception.
    /// </summary>
    public static Task DelayUntilAsync(TimeProvider clock, DateTimeOffset until, CancellationToken ct)
    {
        var before = clock.GetUtcNow();
        if (until <= before)
        {
            return Task.CompletedTask;
        }
        var timer = Task.Delay(until - before, clock, ct);
        // Moved meanwhile: wait again from the new reading. The first timer is left to run out (or to go with the token);
        // on the system clock this takes a pause of over a millisecond between two statements, so it is rare.
        return clock.GetUtcNow() - before <= Moved ? timer : DelayUntilAsync(clock, until, ct);
    }
}
