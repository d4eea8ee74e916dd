using System.Diagnostics;
using System.Globalization;

namespace Vigil.Bench;

/// <summary>
/// How fast this machine's cores are right now, as the time a fixed piece of work takes on one thread (strings made and
/// hashed into a dictionary, then sorted: allocation, hashing and memory traffic, as a server's work is). On this
/// shared VM the same plan run has cost the server 4.6 s of CPU in one hour and 8.7 s in the next, for the same work:
/// the cores slow down when other tenants load the host, and load averages and steal time do not show it. The fastest
/// of several rounds is kept, so a round that a scheduler hiccup lengthened does not count.
/// </summary>
internal static class VmSpeed
{
    private const int Items = 60_000;

    /// <summary>The fastest of <paramref name="rounds"/> rounds of the fixed work, in ms (one thread; the work is warmed up first; ~0.3 s in all).</summary>
    public static double MeasureMs(int rounds = 5)
    {
        Work();
        var best = double.MaxValue;
        for (var i = 0; i < rounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Work();
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        // Its garbage collected now, not by the bench in the middle of what it measures next.
        GC.Collect();
        return best;
    }

    private static int Work()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<string>(Items);
        for (var i = 0; i < Items; i++)
        {
            var key = "host-" + (i * 7919 % Items).ToString(CultureInfo.InvariantCulture) + "/check";
            map[key] = i;
            keys.Add(key);
        }
        keys.Sort(StringComparer.Ordinal);
        var sum = 0;
        foreach (var k in keys)
        {
            sum += map[k];
        }
        return sum;
    }
}
