using NodaTime;
using Vigil.Server.Maintenance;
using Vigil.Server.Oncall;

namespace Vigil.Server.Tests.Maintenance;

/// <summary>The pure part of the watcher rule: the spans to cover and what the shifts leave uncovered.</summary>
public sealed class WatcherCoverageTests
{
    private static Instant At(string text) => NodaTime.Text.InstantPattern.ExtendedIso.Parse(text).Value;

    public static TheoryData<string, string[], string[]> UncoveredCases => new()
    {
        // shifts as "person from to"; expected as "from to"
        { "watcher on call throughout", ["alice 2027-01-04T10:00:00Z 2027-01-04T20:00:00Z"], [] },
        { "someone else first", ["carol 2027-01-04T10:00:00Z 2027-01-04T17:00:00Z", "alice 2027-01-04T17:00:00Z 2027-01-04T20:00:00Z"],
            ["2027-01-04T15:00:00Z 2027-01-04T17:00:00Z"] },
        { "nobody in the middle", ["alice 2027-01-04T10:00:00Z 2027-01-04T16:00:00Z", "alice 2027-01-04T18:00:00Z 2027-01-04T20:00:00Z"],
            ["2027-01-04T16:00:00Z 2027-01-04T18:00:00Z"] },
        { "watcher never", ["bob 2027-01-04T10:00:00Z 2027-01-04T20:00:00Z"], ["2027-01-04T15:00:00Z 2027-01-04T19:00:00Z"] },
        { "no shifts", [], ["2027-01-04T15:00:00Z 2027-01-04T19:00:00Z"] },
        { "watcher, then another, then watcher", ["alice 2027-01-04T15:00:00Z 2027-01-04T16:00:00Z", "bob 2027-01-04T16:00:00Z 2027-01-04T17:00:00Z",
            "alice 2027-01-04T17:00:00Z 2027-01-04T19:00:00Z"], ["2027-01-04T16:00:00Z 2027-01-04T17:00:00Z"] },
    };

    [Theory]
    [MemberData(nameof(UncoveredCases))]
    public void Uncovered_IsTheSpanMinusTheWatchersShifts(string name, string[] shifts, string[] expected)
    {
        var parsed = shifts.Select(s => s.Split(' ')).Select(p => new Shift(p[0], At(p[1]), At(p[2]), "l")).ToList();
        var gaps = WatcherCoverage.Uncovered(parsed, "alice", At("2027-01-04T15:00:00Z"), At("2027-01-04T19:00:00Z"));
        Assert.True(expected.SequenceEqual(gaps.Select(g => $"{OnCallTime.Utc(g.From)} {OnCallTime.Utc(g.To)}")), $"{name}: {string.Join(", ", gaps)}");
    }

    [Fact]
    public void Spans_OneOffUpcoming_IsTheWholeWindow_AndActive_IsTheRestOfIt()
    {
        var w = TestWindow(start: "2027-01-04T15:00:00Z") with { End = Time("2027-01-04T19:00:00Z") };
        Assert.Equal([new Occurrence(Time("2027-01-04T15:00:00Z"), Time("2027-01-04T19:00:00Z"))], WatcherCoverage.Spans(w, Time("2027-01-03T00:00:00Z")));
        Assert.Equal([new Occurrence(Time("2027-01-04T16:00:00Z"), Time("2027-01-04T19:00:00Z"))], WatcherCoverage.Spans(w, Time("2027-01-04T16:00:00Z")));
        Assert.Empty(WatcherCoverage.Spans(w, Time("2027-01-04T19:00:00Z")));
    }

    [Fact]
    public void Spans_Recurring_AreTheOccurrencesWithinSevenDays_OrAtLeastTheNext()
    {
        var nightly = TestWindow(start: "2027-01-01T00:00:00Z") with { Cron = "0 2 * * *", Duration = TimeSpan.FromHours(1), TimeZone = "Europe/Berlin" };
        var spans = WatcherCoverage.Spans(nightly, Time("2027-01-04T12:00:00Z"));
        Assert.Equal(7, spans.Count);
        Assert.Equal(Time("2027-01-05T01:00:00Z"), spans[0].Start);
        Assert.Equal(Time("2027-01-11T02:00:00Z"), spans[^1].End);

        var monthly = nightly with { Cron = "0 2 1 * *" };
        var next = Assert.Single(WatcherCoverage.Spans(monthly, Time("2027-01-04T12:00:00Z")));
        Assert.Equal(Time("2027-02-01T01:00:00Z"), next.Start);
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static MaintenanceWindow TestWindow(string start) => new()
    {
        Id = "w",
        Targets = [],
        Expected = [],
        Start = Time(start),
        Watcher = "alice",
        Backup = "bob",
    };
}
