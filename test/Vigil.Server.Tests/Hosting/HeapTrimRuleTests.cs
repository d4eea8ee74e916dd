using Vigil.Server.Hosting;

namespace Vigil.Server.Tests.Hosting;

/// <summary>When an idle server compacts its heap: after a burst, once quiet, once per burst, never often.</summary>
public sealed class HeapTrimRuleTests
{
    private const long MiB = 1L << 20;
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AfterABurst_ItCompactsOnce_WhenQuietForTwoSamplesASecondApart()
    {
        var rule = new HeapTrimRule(T0);
        var decisions = new List<bool>();
        long allocated = 0;
        for (var i = 0; i < 8; i++)
        {
            allocated += i < 3 ? 1_500 * MiB : 1 * MiB; // a burst, then quiet
            decisions.Add(rule.ShouldCompact(new HeapSample(allocated, 1_200 * MiB), T0.AddSeconds(i)));
        }

        Assert.Equal([false, false, false, false, true, false, false, false], decisions);
    }

    [Fact]
    public void AQuietServer_WithASmallHeap_OrWithoutABurst_IsLeftAlone()
    {
        var small = new HeapTrimRule(T0);
        var unturned = new HeapTrimRule(T0);
        var decisions = new List<bool>();
        for (var i = 0; i < 10; i++)
        {
            // A small heap after a burst; a large heap that has not been turned over (allocated less than it holds).
            decisions.Add(small.ShouldCompact(new HeapSample(i < 3 ? i * 1_000 * MiB : 3_000 * MiB, 400 * MiB), T0.AddSeconds(i)));
            decisions.Add(unturned.ShouldCompact(new HeapSample(i < 3 ? i * 300 * MiB : 900 * MiB, 1_000 * MiB), T0.AddSeconds(i)));
        }

        Assert.DoesNotContain(true, decisions);
    }

    [Fact]
    public void BurstsEveryMinute_AreCompactedAfter_AtMostOncePerTenMinutes()
    {
        var rule = new HeapTrimRule(T0);
        long allocated = 0;
        var at = T0;
        var compactions = new List<TimeSpan>();
        for (var minute = 0; minute < 25; minute++)
        {
            // A 10-second burst, then 50 seconds of quiet: Prometheus re-sending a million alerts every minute.
            for (var i = 0; i < 60; i++)
            {
                allocated += i < 10 ? 1_000 * MiB : MiB;
                at = at.AddSeconds(1);
                if (rule.ShouldCompact(new HeapSample(allocated, 1_200 * MiB), at))
                {
                    compactions.Add(at - T0);
                }
            }
        }

        Assert.Equal([TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(612), TimeSpan.FromSeconds(1212)], compactions);
    }
}
