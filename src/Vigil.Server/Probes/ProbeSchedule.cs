using System.Text;

namespace Vigil.Server.Probes;

/// <summary>
/// When a probe runs: on a grid of its interval, offset by a phase taken from a hash of its name, so probes
/// spread over their interval and keep the same slots across restarts and nodes. Runs are due at grid
/// points, never "interval after the last run ended", so the schedule does not drift.
/// </summary>
public static class ProbeSchedule
{
    /// <summary>The probe's offset within its interval: FNV-1a of its name, modulo the interval.</summary>
    public static TimeSpan Phase(string name, TimeSpan interval)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return TimeSpan.FromTicks((long)(hash % (ulong)interval.Ticks));
    }

    /// <summary>The first grid point (<c>k * interval + phase</c> since the Unix epoch) strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset NextDue(DateTimeOffset after, TimeSpan interval, TimeSpan phase)
    {
        var sinceEpoch = (after - DateTimeOffset.UnixEpoch).Ticks - phase.Ticks;
        var k = sinceEpoch >= 0 ? sinceEpoch / interval.Ticks : ((sinceEpoch + 1) / interval.Ticks) - 1;
        var due = DateTimeOffset.UnixEpoch + TimeSpan.FromTicks((k * interval.Ticks) + phase.Ticks);
        return due <= after ? due + interval : due;
    }
}
