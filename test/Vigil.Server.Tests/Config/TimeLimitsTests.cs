using Cronos;
using Vigil.Server.Config;
using Vigil.Server.Heartbeats;
using Vigil.Server.Maintenance;

namespace Vigil.Server.Tests.Config;

/// <summary>The ranges of instants, durations and cron schedules every capability accepts (table-driven).</summary>
public sealed class TimeLimitsTests
{
    [Theory]
    [InlineData("1000-01-01T00:00:00Z", true)]
    [InlineData("0999-12-31T23:59:59Z", false)]
    [InlineData("1970-01-01T00:00:00Z", true)]
    [InlineData("2026-05-10T12:00:00Z", true)]
    [InlineData("8999-12-31T23:59:59Z", true)]
    [InlineData("9000-01-01T00:00:00Z", false)]
    [InlineData("9999-12-31T23:59:59Z", false)]
    [InlineData("0001-01-01T00:00:00Z", false)]
    public void Instants_AreAcceptedFromYear1000ToBeforeYear9000(string text, bool accepted)
    {
        var reason = TimeLimits.CheckInstant(DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(accepted, reason is null);
        if (reason is not null)
        {
            Assert.EndsWith("give a time from 1000-01-01T00:00:00Z to before 9000-01-01T00:00:00Z", reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("292y", true)]
    [InlineData("293y", false)]
    [InlineData("10000y", false)]
    [InlineData("99999999999999999999y", false)]
    [InlineData("9223372036854775807ms", false)]
    [InlineData("106751d", true)]
    [InlineData("1h30m", true)]
    public void Durations_StopAtGosLimitOf292Years_WithoutThrowing(string text, bool valid)
    {
        Assert.Equal(valid, PromDuration.TryParse(text, out var value));
        Assert.True(value <= PromDuration.Max);
    }

    [Theory]
    [InlineData("* * * * *", null)]
    [InlineData("0 2 * * SUN", null)]
    [InlineData("0 0 1 1 *", null)]
    [InlineData("0 0 29 2 *", null)] // every leap year: never more than four years apart
    [InlineData("0 0 31 12 *", null)]
    [InlineData("0 0 31 2 *", "it never fires")]
    [InlineData("0 0 30 2 *", "it never fires")]
    [InlineData("0 0 31 4,6,9,11 *", "it never fires")]
    public void CronSchedules_MustFireAtLeastOnceEveryFiveYears(string cron, string? reason)
    {
        var problem = TimeLimits.CheckCron(CronExpression.Parse(cron, CronFormat.Standard));
        if (reason is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.StartsWith(reason, problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("1s", "1h", null, null)]
    [InlineData("365d", "365d", null, null)]
    [InlineData("1h", "0s", null, "grace: 0s is out of range; it must be from 1s to 365d")]
    [InlineData("1h", "366d", null, "grace: 366d is out of range; it must be from 1s to 365d")]
    [InlineData("1h", "10000y", null, "grace: not a valid duration: \"10000y\" (e.g. 30s, 5m, 2h, 7d); it must be from 1s to 365d")]
    [InlineData("999ms", "5m", null, "period: 999ms is out of range; it must be from 1s to 365d")]
    [InlineData("52w2d", "5m", null, "period: 366d is out of range; it must be from 1s to 365d")]
    [InlineData("10000y", "5m", null, "period: not a valid duration: \"10000y\" (e.g. 30s, 5m, 2h, 7d); it must be from 1s to 365d")]
    [InlineData("", "5m", "0 0 31 2 *", "cron: \"0 0 31 2 *\": it never fires (no such date); give a schedule that fires at least once every 5 years")]
    [InlineData("", "5m", "0 3 * * *", null)]
    public void HeartbeatSchedules_AreRefusedOutsideTheirRange_NamingTheField(string period, string grace, string? cron, string? error)
    {
        var hb = new Heartbeat { Id = "id", Name = "hb" };
        Assert.Equal(error, HeartbeatDraft.Complete(ref hb, period, grace, cron, null));
        if (error is null)
        {
            Assert.Null(HeartbeatLimits.Check(hb));
        }
    }

    [Theory]
    [InlineData(100L * 365 * 24 * 3600 * 1000, "grace: 36500d is out of range; it must be from 1s to 365d")]
    [InlineData(0L, "grace: 0s is out of range; it must be from 1s to 365d")]
    [InlineData(300_000L, null)]
    public void AStoredHeartbeat_IsCheckedAgainstTheSameRanges(long graceMs, string? error) =>
        Assert.Equal(error, HeartbeatLimits.Check(new Heartbeat { Id = "id", Name = "hb", Period = TimeSpan.FromHours(1), Grace = TimeSpan.FromMilliseconds(graceMs) }));

    public static TheoryData<string, string?> StoredWindows => new()
    {
        { "one-off, 2h", null },
        { "one-off ending in year 9999", "end: 9999-06-01T00:00:00Z is out of range" },
        { "one-off, 400 days", "end: the window is 400d is out of range; it must be from 1s to 365d" },
        { "recurring in an unknown zone", "timeZone: unknown IANA time zone \"Mars/Olympus\"" },
        { "recurring, never firing", "cron: \"0 0 31 2 *\": it never fires" },
        { "recurring, 10000y each", "duration: 3650000d is out of range; it must be from 1s to 365d" },
    };

    [Theory]
    [MemberData(nameof(StoredWindows))]
    public void AStoredWindow_IsCheckedAgainstTheSameRanges(string which, string? error)
    {
        var start = new DateTimeOffset(2026, 5, 10, 22, 0, 0, TimeSpan.Zero);
        var w = new MaintenanceWindow { Id = "w", Targets = [], Expected = [], Start = start, End = start.AddHours(2), Watcher = "a", Backup = "b" };
        var recurring = w with { End = null, Cron = "0 2 * * *", Duration = TimeSpan.FromHours(2), TimeZone = "Europe/Berlin" };
        var window = which switch
        {
            "one-off ending in year 9999" => w with { End = new DateTimeOffset(9999, 6, 1, 0, 0, 0, TimeSpan.Zero) },
            "one-off, 400 days" => w with { End = start.AddDays(400) },
            "recurring in an unknown zone" => recurring with { TimeZone = "Mars/Olympus" },
            "recurring, never firing" => recurring with { Cron = "0 0 31 2 *" },
            "recurring, 10000y each" => recurring with { Duration = TimeSpan.FromDays(3_650_000) },
            _ => w,
        };
        var problem = WindowLimits.Check(window);
        if (error is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.StartsWith(error, problem, StringComparison.Ordinal);
        }
    }
}
