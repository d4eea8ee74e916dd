using System.Globalization;
using Vigil.Server.Maintenance;

namespace Vigil.Server.Tests.Maintenance;

/// <summary>Recurring windows follow the local clock of their zone across daylight-saving changes.</summary>
public sealed class RecurrenceTests
{
    public static TheoryData<string, string, string, string, string, string> Occurrences => new()
    {
        // cron, zone, search from (UTC), expected start (UTC), expected end (UTC); duration 2h
        // Europe/Berlin, every Sunday 02:00–04:00 local.
        { "0 2 * * SUN", "Europe/Berlin", "2026-03-21T12:00:00Z", "2026-03-22T01:00:00Z", "2026-03-22T03:00:00Z", "winter: CET is UTC+1" },
        { "0 2 * * SUN", "Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z", "spring forward: 02:00 does not exist, starts 03:00 CEST, ends 04:00 CEST" },
        { "0 2 * * SUN", "Europe/Berlin", "2026-04-04T12:00:00Z", "2026-04-05T00:00:00Z", "2026-04-05T02:00:00Z", "summer: CEST is UTC+2" },
        { "0 2 * * SUN", "Europe/Berlin", "2026-10-24T12:00:00Z", "2026-10-25T00:00:00Z", "2026-10-25T03:00:00Z", "fall back: the first 02:00 (CEST) to 04:00 CET" },
        { "0 2 * * SUN", "Europe/Berlin", "2026-10-31T12:00:00Z", "2026-11-01T01:00:00Z", "2026-11-01T03:00:00Z", "winter again" },
        // America/Los_Angeles, every Sunday 01:00–03:00 local.
        { "0 1 * * SUN", "America/Los_Angeles", "2026-03-07T12:00:00Z", "2026-03-08T09:00:00Z", "2026-03-08T10:00:00Z", "spring forward: 01:00 PST to 03:00 PDT" },
        { "0 1 * * SUN", "America/Los_Angeles", "2026-10-31T12:00:00Z", "2026-11-01T08:00:00Z", "2026-11-01T11:00:00Z", "fall back: the first 01:00 (PDT) to 03:00 PST" },
        { "30 2 * * *", "America/Los_Angeles", "2026-03-08T05:00:00Z", "2026-03-08T10:30:00Z", "2026-03-08T11:30:00Z", "02:30 skipped: starts 03:30 PDT, ends 04:30 PDT" },
    };

    [Theory]
    [MemberData(nameof(Occurrences))]
    public void NextOccurrence_FollowsTheLocalClock(string cron, string zone, string from, string start, string end, string why)
    {
        var window = TestWindows.Build(TestWindows.Recurring(cron, "2h", zone));
        var next = WindowRules.NextOccurrence(window, Instant(from));
        Assert.True(next is not null, why);
        Assert.Equal((Instant(start), Instant(end)), (next.Value.Start, next.Value.End));
    }

    [Theory]
    [MemberData(nameof(Occurrences))]
    public void OccurrenceAt_IsOpenFromStartUntilEnd(string cron, string zone, string from, string start, string end, string why)
    {
        _ = from;
        var window = TestWindows.Build(TestWindows.Recurring(cron, "2h", zone));
        Assert.Null(WindowRules.OccurrenceAt(window, Instant(start).AddSeconds(-1)));
        Assert.Equal(Instant(start), WindowRules.OccurrenceAt(window, Instant(start))?.Start);
        Assert.True(WindowRules.OccurrenceAt(window, Instant(end).AddSeconds(-1)) is not null, why);
        Assert.Null(WindowRules.OccurrenceAt(window, Instant(end)));
    }

    [Fact]
    public void Recurrence_StopsAtItsEnd_AndWhenEndedEarly()
    {
        var window = TestWindows.Build(TestWindows.Recurring("0 2 * * SUN", "2h", "UTC") with { End = "2026-05-18T00:00:00Z" });
        Assert.Equal(Instant("2026-05-17T02:00:00Z"), WindowRules.NextOccurrence(window, Instant("2026-05-12T00:00:00Z"))?.Start);
        Assert.Null(WindowRules.NextOccurrence(window, Instant("2026-05-17T03:00:00Z")));
        var ended = window with { EndedAt = Instant("2026-05-17T03:00:00Z") };
        Assert.Equal(Instant("2026-05-17T03:00:00Z"), WindowRules.OccurrenceStartingAt(ended, Instant("2026-05-17T02:00:00Z"))?.End);
        Assert.Equal(WindowState.Ended, WindowRules.StateAt(ended, Instant("2026-05-17T03:00:00Z")));
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
