using Vigil.Server.Probes;

namespace Vigil.Server.Tests.Probes;

/// <summary>The schedule math: a stable phase per probe, spread over the interval, and due times on a grid (no drift).</summary>
public sealed class ProbeScheduleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Fact]
    public void Phase_IsStable_AndInsideTheInterval()
    {
        var phase = ProbeSchedule.Phase("shop-home", Interval);
        Assert.Equal(phase, ProbeSchedule.Phase("shop-home", Interval));
        Assert.InRange(phase, TimeSpan.Zero, Interval - TimeSpan.FromTicks(1));
    }

    [Fact]
    public void Phases_SpreadProbesOverTheInterval()
    {
        // 3,000 probes in 30 one-second buckets: each bucket gets roughly its share (100), none is empty or crowded.
        var buckets = new int[30];
        for (var i = 0; i < 3000; i++)
        {
            buckets[(int)ProbeSchedule.Phase($"probe-{i}", Interval).TotalSeconds]++;
        }
        Assert.All(buckets, n => Assert.InRange(n, 50, 160));
    }

    [Fact]
    public void NextDue_IsTheNextGridPoint_StrictlyAfter()
    {
        var phase = TimeSpan.FromSeconds(7);
        var t0 = new DateTimeOffset(2026, 5, 10, 12, 0, 0, TimeSpan.Zero); // a multiple of 30 s since the epoch
        Assert.Equal(t0.AddSeconds(7), ProbeSchedule.NextDue(t0, Interval, phase));
        Assert.Equal(t0.AddSeconds(37), ProbeSchedule.NextDue(t0.AddSeconds(7), Interval, phase));
        Assert.Equal(t0.AddSeconds(37), ProbeSchedule.NextDue(t0.AddSeconds(8), Interval, phase));
    }

    [Fact]
    public void NextDue_DoesNotDrift_WhenRunsTakeTime()
    {
        // Each run takes 1.3 s after its due time; the following due times stay on the grid.
        var phase = ProbeSchedule.Phase("api", Interval);
        var due = ProbeSchedule.NextDue(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Interval, phase);
        var first = due;
        for (var i = 0; i < 1000; i++)
        {
            due = ProbeSchedule.NextDue(due + TimeSpan.FromSeconds(1.3), Interval, phase);
        }
        Assert.Equal(first + (Interval * 1000), due);
    }

    [Fact]
    public void NextDue_SkipsMissedSlots_AfterAnOverrun()
    {
        var phase = TimeSpan.Zero;
        var due = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(due + (Interval * 3), ProbeSchedule.NextDue(due + TimeSpan.FromSeconds(65), Interval, phase));
    }
}
