using System.Globalization;

namespace Vigil.Bench;

/// <summary>
/// How busy the whole machine is, from the <c>cpu</c> line of <c>/proc/stat</c>: a benchmark taken while other processes
/// use the cores measures them too (the test PostgreSQL's autovacuum once took ~23 % of a core on a machine that looked idle).
/// </summary>
internal static class MachineLoad
{
    /// <summary>Busy and total ticks of all cores since boot; null where <c>/proc/stat</c> cannot be read.</summary>
    public static (long Busy, long Total)? Read()
    {
        string? line;
        try
        {
            line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        if (line is null)
        {
            return null;
        }
        // user nice system idle iowait irq softirq steal (guest time is already in user).
        var ticks = line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var idle = ticks[3] + ticks[4];
        var total = ticks.Sum();
        return (total - idle, total);
    }

    /// <summary>
    /// Waits until the machine's cores were at most <paramref name="busy"/> busy (0–1) over one <paramref name="window"/>,
    /// for at most <paramref name="limit"/>: what the last window measured (null without <c>/proc/stat</c>) and how long
    /// it waited. A measurement that starts right after a heavy part otherwise shares the cores with that part's tail
    /// (the bench's own tier-1 JIT and garbage collection after 40,000 requests, a killed server's memory being freed).
    /// </summary>
    public static async Task<(double? Busy, TimeSpan Waited)> WaitIdleAsync(double busy, TimeSpan window, TimeSpan limit, CancellationToken cancel)
    {
        var started = TimeProvider.System.GetTimestamp();
        double? share;
        do
        {
            var before = Read();
            await Task.Delay(window, TimeProvider.System, cancel).ConfigureAwait(false);
            share = BusyShare(before, Read());
        }
        while (share > busy && TimeProvider.System.GetElapsedTime(started) < limit);
        return (share, TimeProvider.System.GetElapsedTime(started));
    }

    /// <summary>The share of all cores busy between two readings (0–1); null if either is missing or no time passed.</summary>
    public static double? BusyShare((long Busy, long Total)? from, (long Busy, long Total)? to) =>
        from is { } a && to is { } b && b.Total > a.Total ? (double)(b.Busy - a.Busy) / (b.Total - a.Total) : null;
}
