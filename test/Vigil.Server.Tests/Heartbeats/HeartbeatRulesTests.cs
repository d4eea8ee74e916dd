using Vigil.Server.Heartbeats;

namespace Vigil.Server.Tests.Heartbeats;

/// <summary>When a heartbeat is up, missing or failed; cron schedules on the wall clock of their zone, across DST.</summary>
public sealed class HeartbeatRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly Heartbeat Hourly = new() { Id = "id", Name = "backup", Period = TimeSpan.FromHours(1), Grace = TimeSpan.FromMinutes(10) };

    [Fact]
    public void NeverPinged_IsUpUntilPeriodPlusGrace_ThenMissing()
    {
        var pings = new HeartbeatPings(T0);
        Assert.True(HeartbeatRules.Evaluate(Hourly, pings, T0.AddMinutes(70)).IsUp);
        var late = HeartbeatRules.Evaluate(Hourly, pings, T0.AddMinutes(70).AddSeconds(1));
        Assert.Equal(HeartbeatVerdict.Missing, late.AlertName);
        Assert.Equal("never pinged; expected by 2026-05-10T13:10:00Z", late.Reason);
    }

    [Fact]
    public void APing_StartsTheNextPeriod()
    {
        var pings = new HeartbeatPings(T0, LastPingAt: T0.AddMinutes(50));
        Assert.True(HeartbeatRules.Evaluate(Hourly, pings, T0.AddMinutes(119)).IsUp);
        Assert.Equal(HeartbeatVerdict.Missing, HeartbeatRules.Evaluate(Hourly, pings, T0.AddMinutes(121)).AlertName);
    }

    [Fact]
    public void AFailPing_IsFailed_UntilALaterSuccess()
    {
        var failed = new HeartbeatPings(T0, LastPingAt: T0, LastFailAt: T0.AddMinutes(5));
        Assert.Equal(HeartbeatVerdict.Failed, HeartbeatRules.Evaluate(Hourly, failed, T0.AddMinutes(6)).AlertName);
        Assert.True(HeartbeatRules.Evaluate(Hourly, failed with { LastPingAt = T0.AddMinutes(7) }, T0.AddMinutes(8)).IsUp);
    }

    [Fact]
    public void AStartWithoutFinish_IsMissingOnceTheGraceRunsOut()
    {
        var started = new HeartbeatPings(T0, LastPingAt: T0, LastStartAt: T0.AddMinutes(30));
        Assert.True(HeartbeatRules.Evaluate(Hourly, started, T0.AddMinutes(40)).IsUp);
        var verdict = HeartbeatRules.Evaluate(Hourly, started, T0.AddMinutes(41));
        Assert.Equal(HeartbeatVerdict.Missing, verdict.AlertName);
        Assert.Equal("started at 2026-05-10T12:30:00Z and did not finish within 10m", verdict.Reason);
        Assert.True(HeartbeatRules.Evaluate(Hourly, started with { LastPingAt = T0.AddMinutes(42) }, T0.AddMinutes(43)).IsUp);
    }

    [Fact]
    public void Cron_IsReadOnTheZonesWallClock_InSummerAndWinter()
    {
        var nightly = new Heartbeat { Id = "id", Name = "nightly", Cron = "0 2 * * *", TimeZone = "Europe/Berlin", Grace = TimeSpan.FromMinutes(30) };
        // Winter (UTC+1): 02:00 local is 01:00Z. Summer (UTC+2): 00:00Z.
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 1, 0, 0, TimeSpan.Zero), HeartbeatRules.NextExpected(nightly, new DateTimeOffset(2026, 1, 14, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 0, 0, 0, TimeSpan.Zero), HeartbeatRules.NextExpected(nightly, new DateTimeOffset(2026, 7, 14, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Cron_OnTheSpringForwardNight_ExpectsTheSkippedTimeAfterTheGap()
    {
        // 29 March 2026: Berlin's clocks jump from 02:00 to 03:00; a 02:30 job runs at 03:30 new time (01:30Z).
        var job = new Heartbeat { Id = "id", Name = "job", Cron = "30 2 * * *", TimeZone = "Europe/Berlin", Grace = TimeSpan.FromMinutes(15) };
        var lastRun = new DateTimeOffset(2026, 3, 28, 1, 31, 0, TimeSpan.Zero); // 02:31 CET on the 28th
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), HeartbeatRules.NextExpected(job, lastRun));
        var pings = new HeartbeatPings(lastRun.AddDays(-10), LastPingAt: lastRun);
        Assert.True(HeartbeatRules.Evaluate(job, pings, new DateTimeOffset(2026, 3, 29, 1, 45, 0, TimeSpan.Zero)).IsUp);
        Assert.False(HeartbeatRules.Evaluate(job, pings, new DateTimeOffset(2026, 3, 29, 1, 46, 0, TimeSpan.Zero)).IsUp);
    }

    [Fact]
    public void Cron_OnTheFallBackNight_ExpectsTheFirstOfTheRepeatedTime()
    {
        // 25 October 2026: Berlin goes from 03:00 CEST back to 02:00 CET; 02:30 happens twice, the first is 00:30Z.
        var job = new Heartbeat { Id = "id", Name = "job", Cron = "30 2 * * *", TimeZone = "Europe/Berlin", Grace = TimeSpan.FromMinutes(15) };
        var lastRun = new DateTimeOffset(2026, 10, 24, 0, 31, 0, TimeSpan.Zero); // 02:31 CEST on the 24th
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), HeartbeatRules.NextExpected(job, lastRun));
        // Pinged at the first 02:31; the next is expected the following night, not an hour later.
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero), HeartbeatRules.NextExpected(job, new DateTimeOffset(2026, 10, 25, 0, 31, 0, TimeSpan.Zero)));
    }
}
