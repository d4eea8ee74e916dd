using Vigil.Server.Config;

namespace Vigil.Server.Tests.Config;

/// <summary>Time interval semantics, loaded from YAML so parsing and matching are checked together.</summary>
public sealed class TimeIntervalSpecTests
{
    [Theory]
    [InlineData("2024-01-01T12:00:00Z", true)] // Monday
    [InlineData("2024-01-05T23:59:00Z", true)] // Friday
    [InlineData("2024-01-06T12:00:00Z", false)] // Saturday
    [InlineData("2024-01-07T12:00:00Z", false)] // Sunday is 0, outside 1..5
    public void WeekdayRange_MondayToFriday(string instant, bool expected)
    {
        var spec = Spec("weekdays: ['monday:friday']");

        Assert.Equal(expected, spec.Contains(DateTimeOffset.Parse(instant)));
    }

    [Fact]
    public void WeekdayNames_AreCaseInsensitive_AndSundayIsZero()
    {
        var spec = Spec("weekdays: [Sunday]");

        Assert.Equal([new IntRange(0, 0)], spec.Weekdays);
        Assert.True(spec.Contains(DateTimeOffset.Parse("2024-01-07T08:00:00Z")));
    }

    [Theory]
    [InlineData("2024-02-27T10:00:00Z", true)] // leap year: last three days are 27..29
    [InlineData("2024-02-29T10:00:00Z", true)]
    [InlineData("2024-02-26T10:00:00Z", false)]
    [InlineData("2023-02-26T10:00:00Z", true)] // common year: 26..28
    [InlineData("2024-01-29T10:00:00Z", true)] // 31-day month: 29..31
    [InlineData("2024-01-28T10:00:00Z", false)]
    public void NegativeDaysOfMonth_CountFromTheMonthsEnd(string instant, bool expected)
    {
        var spec = Spec("days_of_month: ['-3:-1']");

        Assert.Equal(expected, spec.Contains(DateTimeOffset.Parse(instant)));
    }

    [Fact]
    public void DayBeyondTheMonthsLength_NeverMatches()
    {
        var spec = Spec("days_of_month: ['31']");

        Assert.False(spec.Contains(DateTimeOffset.Parse("2024-04-30T10:00:00Z")));
        Assert.True(spec.Contains(DateTimeOffset.Parse("2024-05-31T10:00:00Z")));
    }

    [Theory]
    [InlineData("2024-01-15T08:30:00Z", true)] // 09:30 CET
    [InlineData("2024-01-15T15:30:00Z", true)] // 16:30 CET
    [InlineData("2024-01-15T16:30:00Z", false)] // 17:30 CET
    [InlineData("2024-07-15T07:30:00Z", true)] // 09:30 CEST
    [InlineData("2024-07-15T06:30:00Z", false)] // 08:30 CEST, though 07:30 CET would be outside too
    [InlineData("2024-07-15T15:30:00Z", false)] // 17:30 CEST; with a fixed +01:00 this would be inside
    [InlineData("2024-03-31T07:30:00Z", true)] // the day summer time starts: 09:30 CEST
    public void Location_FollowsDaylightSavingTime(string instant, bool expected)
    {
        var spec = Spec("times: [{start_time: '09:00', end_time: '17:00'}]\n        location: Europe/Berlin");

        Assert.Equal(expected, spec.Contains(DateTimeOffset.Parse(instant)));
    }

    [Fact]
    public void Weekday_IsTheWeekdayInTheLocation()
    {
        var spec = Spec("weekdays: [monday]\n        location: Europe/Berlin");

        // Sunday 23:30 UTC is Monday 00:30 in Berlin (winter).
        Assert.True(spec.Contains(DateTimeOffset.Parse("2024-01-07T23:30:00Z")));
        Assert.False(spec.Contains(DateTimeOffset.Parse("2024-01-08T23:30:00Z")));
    }

    [Theory]
    [InlineData("2024-01-01T22:00:00Z", true)]
    [InlineData("2024-01-01T23:59:00Z", true)]
    [InlineData("2024-01-01T21:59:00Z", false)]
    [InlineData("2024-01-02T00:00:00Z", false)]
    public void EndTime2400_RunsToMidnight(string instant, bool expected)
    {
        var spec = Spec("times: [{start_time: '22:00', end_time: '24:00'}]");

        Assert.Equal(new MinuteRange(1320, 1440), Assert.Single(spec.Times));
        Assert.Equal(expected, spec.Contains(DateTimeOffset.Parse(instant)));
    }

    [Theory]
    [InlineData("2021-02-10T00:00:00Z", true)]
    [InlineData("2021-04-10T00:00:00Z", false)]
    [InlineData("2023-02-10T00:00:00Z", false)]
    [InlineData("2020-12-10T00:00:00Z", true)]
    public void MonthsAndYears_MustAllMatch(string instant, bool expected)
    {
        var spec = Spec("months: ['january:march', december]\n        years: ['2020:2022']");

        Assert.Equal(expected, spec.Contains(DateTimeOffset.Parse(instant)));
    }

    [Fact]
    public void Set_ContainsAnInstant_WhenAnyIntervalDoes()
    {
        var config = ConfigLoader.Load("""
            route: {receiver: a}
            receivers: [{name: a}]
            time_intervals:
              - name: off-hours
                time_intervals:
                  - weekdays: [saturday, sunday]
                  - times: [{start_time: '00:00', end_time: '08:00'}]
            """, "vigil.yaml");
        var set = config.TimeIntervals["off-hours"];

        Assert.True(set.Contains(DateTimeOffset.Parse("2024-01-06T12:00:00Z")));
        Assert.True(set.Contains(DateTimeOffset.Parse("2024-01-08T07:00:00Z")));
        Assert.False(set.Contains(DateTimeOffset.Parse("2024-01-08T12:00:00Z")));
    }

    [Fact]
    public void EmptySpec_ContainsEverything()
    {
        Assert.True(new TimeIntervalSpec().Contains(DateTimeOffset.Parse("2024-01-08T12:00:00Z")));
    }

    private static TimeIntervalSpec Spec(string fields)
    {
        var config = ConfigLoader.Load(
            "route: {receiver: a}\nreceivers: [{name: a}]\ntime_intervals:\n  - name: t\n    time_intervals:\n      - " + fields + "\n",
            "vigil.yaml");
        return Assert.Single(config.TimeIntervals["t"].Intervals);
    }
}
