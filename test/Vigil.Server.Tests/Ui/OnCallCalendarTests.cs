using NodaTime;
using Vigil.Server.Oncall;
using Vigil.Server.Web.OnCallCalendar;

namespace Vigil.Server.Tests.Ui;

/// <summary>The on-call page's pure parts: which days a view shows, shifts and gaps laid out by day in a zone, and
/// the override form's local times.</summary>
public sealed class OnCallCalendarTests
{
    private static readonly LocalDate Wednesday = new(2027, 3, 10);

    [Theory]
    [InlineData(null, null, false, "2027-03-08", 7)]
    [InlineData("week", "2027-03-14", false, "2027-03-08", 7)]
    [InlineData("month", null, true, "2027-03-01", 31)]
    [InlineData("month", "2027-02-17", true, "2027-02-01", 28)]
    [InlineData("month", "2028-02-01", true, "2028-02-01", 29)]
    public void Range_FromTheQuery_IsAWeekFromMondayOrACalendarMonth(string? view, string? start, bool month, string first, int days)
    {
        var (range, error) = CalendarRange.Parse(view, start, Wednesday);
        Assert.Null(error);
        Assert.Equal((month, first, days), (range.Month, range.First.ToString("yyyy-MM-dd", null), range.Days));
    }

    [Theory]
    [InlineData("year", null, "view: must be week or month")]
    [InlineData(null, "tomorrow", "start: not a date such as 2027-03-01")]
    [InlineData(null, "9999-12-31", "start: not a date")]
    public void Range_WithABadQuery_NamesTheParameter(string? view, string? start, string expected)
    {
        Assert.StartsWith(expected, CalendarRange.Parse(view, start, Wednesday).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Days_ClipShiftsToEachDayInTheViewersZone_AndFillTheRestWithGaps()
    {
        var (range, _) = CalendarRange.Parse("week", "2027-03-08", Wednesday);
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        Instant At(int day, int hour) => Instant.FromUtc(2027, 3, day, hour, 0);
        // alice Mon 08:00 UTC – Tue 08:00 UTC, an override bob Tue 08:00 – 12:00, then nobody until Wed 23:00 UTC.
        var shifts = new List<Shift> { new("alice", At(8, 8), At(9, 8), "days"), new("bob", At(9, 8), At(9, 12), Shift.OverrideLayer), new("alice", At(10, 23), At(20, 0), "days") };

        var days = CalendarDays.Build(range, shifts, berlin, Wednesday);

        Assert.Equal(7, days.Count);
        Assert.Equal(["Nobody 00:00–09:00", "alice 09:00–24:00"], days[0].Entries.Select(Text));
        Assert.Equal(["alice 00:00–09:00", "bob 09:00–13:00", "Nobody 13:00–24:00"], days[1].Entries.Select(Text));
        Assert.Equal(["Nobody 00:00–24:00"], days[2].Entries.Select(Text));
        Assert.True(days[2].IsToday && days[2].HasGap);
        Assert.Equal(["alice 00:00–24:00"], days[3].Entries.Select(Text));
        Assert.False(days[3].HasGap);
    }

    [Fact]
    public void OverrideInput_ReadsLocalTimesInTheViewersZone_AndPassesOnWhatItCannotRead()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        Assert.Equal("2027-03-08T21:00:00+01:00", OverrideInput.ToRfc3339("2027-03-08T21:00", berlin));
        Assert.Equal("2027-07-08T21:00:30+02:00", OverrideInput.ToRfc3339("2027-07-08T21:00:30", berlin));
        Assert.Equal("soon", OverrideInput.ToRfc3339("soon", berlin));
        Assert.Equal("0001-01-01T00:00", OverrideInput.ToRfc3339("0001-01-01T00:00", berlin));
        Assert.Null(OverrideInput.ToRfc3339(" ", berlin));
        Assert.Equal("2027-03-08T21:00", OverrideInput.ToLocalInput(Instant.FromUtc(2027, 3, 8, 20, 0), berlin));
    }

    private static string Text(CalendarEntry e) => (e.Person ?? "Nobody") + " " + e.Times;
}
