using Microsoft.Extensions.Time.Testing;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// Moves the fake clock of a whole server ahead, a step at a time with real pauses, until something holds: a timer the
/// server sets just after the test moved the clock waits for the next move. Then, for up to 30 s of real time, it keeps
/// moving it slowly (a step per 500 ms) rather than not at all, as some of the server's work waits on this clock to
/// recover: on PostgreSQL a node's 6 s leases run on it (at a second per 50 ms they last 0.3 s of real time), so one lease
/// round held up that long on a loaded machine loses them, and only a later round, due on this clock, takes them back;
/// a request's 10 s time limit is 0.5 s of real time.
/// </summary>
internal static class ClockNudges
{
    /// <summary>True once <paramref name="done"/> holds; false when it still does not after the nudges.</summary>
    public static async Task<bool> UntilAsync(FakeTimeProvider clock, Func<bool> done, TimeSpan step, int steps = 100, int pauseMs = 50)
    {
        for (var i = 0; i < steps && !done(); i++)
        {
            await Task.Delay(pauseMs);
            if (!done())
            {
                clock.Advance(step);
            }
        }
        for (var i = 1; i <= 1500 && !done(); i++)
        {
            await Task.Delay(20);
            if (i % 25 == 0 && !done())
            {
                clock.Advance(step);
            }
        }
        return done();
    }
}
