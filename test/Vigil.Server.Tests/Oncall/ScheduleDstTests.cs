using NodaTime;
using Vigil.Server.Oncall;
using static Vigil.Server.Tests.Oncall.TestSchedules;

namespace Vigil.Server.Tests.Oncall;

/// <summary>Daily hand-offs stay at the same local time across DST changes: no gap, no overlap, days of 23 h or 25 h.</summary>
public sealed class ScheduleDstTests
{
    /// <summary>Zone, the local date of a change (or of an ordinary day), and the length in hours of the turn that contains it.</summary>
    public static TheoryData<string, string, double> Changes => new()
    {
        { "America/Los_Angeles", "2027-03-14", 23 },   // spring forward 02:00 → 03:00
        { "America/Los_Angeles", "2027-11-07", 25 },   // fall back 02:00 → 01:00
        { "Europe/Berlin", "2027-03-28", 23 },
        { "Europe/Berlin", "2027-10-31", 25 },
        { "Australia/Lord_Howe", "2027-04-04", 24.5 },  // 30-minute change: 02:00 → 01:30
        { "Australia/Lord_Howe", "2027-10-03", 23.5 },  // 02:00 → 02:30
        { "Africa/Addis_Ababa", "2027-03-14", 24 },     // no DST
        { "Africa/Addis_Ababa", "2027-11-07", 24 },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void DailyHandoff_At0900_StaysAt0900Local_AcrossTheChange(string zoneId, string changeDate, double hoursOfTurnWithChange)
    {
        var zone = Zone(zoneId);
        var schedule = Schedule(Layer(zoneId, "1d", "09:00", "2027-01-01", ["alice", "bob", "carol"]));
        var day = NodaTime.Text.LocalDatePattern.Iso.Parse(changeDate).Value;
        var from = day.PlusDays(-3).At(new LocalTime(9, 0)).InZoneStrictly(zone).ToInstant();
        var to = day.PlusDays(3).At(new LocalTime(9, 0)).InZoneStrictly(zone).ToInstant();

        var shifts = ScheduleRenderer.Render(schedule, [], from, to);

        AssertContiguous(shifts, from, to);
        Assert.Equal(6, shifts.Count);
        Assert.All(shifts, s => Assert.Equal(new LocalTime(9, 0), s.From.InZone(zone).TimeOfDay));
        Assert.All(shifts, s => Assert.Equal(new LocalTime(9, 0), s.To.InZone(zone).TimeOfDay));
        // The turn from 09:00 the day before the change to 09:00 on the change's day carries the change.
        var changeTurn = shifts[2];
        Assert.Equal(day, changeTurn.To.InZone(zone).Date);
        Assert.Equal(hoursOfTurnWithChange, (changeTurn.To - changeTurn.From).TotalHours);
        Assert.All(shifts.Where(s => s != changeTurn), s => Assert.Equal(24, (s.To - s.From).TotalHours));
        // Members keep their order: alice, bob, carol, alice, ...
        var expected = new[] { "alice", "bob", "carol" };
        var firstIndex = Array.IndexOf(expected, shifts[0].Person);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => expected[(firstIndex + i) % 3]), shifts.Select(s => s.Person));
    }

    [Fact]
    public void Handoff_InTheSpringForwardGap_MapsToTheNextValidInstant()
    {
        // 02:30 does not exist in Los Angeles on 2027-03-14: the lenient resolver moves it forward by the gap, to 03:30 PDT.
        var schedule = Schedule(Layer("America/Los_Angeles", "1d", "02:30", "2027-03-01", ["alice", "bob"]));
        var shifts = ScheduleRenderer.Render(schedule, [], At("2027-03-13T00:00:00Z"), At("2027-03-16T00:00:00Z"));
        Assert.Equal([At("2027-03-13T10:30:00Z"), At("2027-03-14T10:30:00Z"), At("2027-03-15T09:30:00Z")], shifts.Skip(1).Select(s => s.From));
        // 02:30 PST on the 13th, 03:30 PDT on the 14th (a turn of 24 h), 02:30 PDT on the 15th (23 h).
    }

    [Fact]
    public void Handoff_InTheFallBackOverlap_MapsToTheEarlierInstant()
    {
        // 01:30 happens twice in Los Angeles on 2027-11-07: the hand-off is at the first (PDT, -07:00).
        var schedule = Schedule(Layer("America/Los_Angeles", "1d", "01:30", "2027-11-01", ["alice", "bob"]));
        var shift = ScheduleRenderer.Render(schedule, [], At("2027-11-06T12:00:00Z"), At("2027-11-09T12:00:00Z"))[1];
        Assert.Equal(At("2027-11-07T08:30:00Z"), shift.From);
        Assert.Equal(At("2027-11-08T09:30:00Z"), shift.To); // 01:30 PST the next day: 25 h
    }

    [Theory]
    [InlineData("America/Los_Angeles", "2027-03-07", "2027-03-21")]
    [InlineData("America/Los_Angeles", "2027-10-31", "2027-11-14")]
    [InlineData("Europe/Berlin", "2027-03-22", "2027-04-05")]
    public void WeeklyRotation_HandsOffMondayAt0900Local_BothSidesOfTheChange(string zoneId, string fromDate, string toDate)
    {
        var zone = Zone(zoneId);
        var schedule = Schedule(Layer(zoneId, "1w", "09:00", "2027-01-04", ["alice", "bob"]));
        var shifts = ScheduleRenderer.Render(schedule, [], At(fromDate), At(toDate));
        AssertContiguous(shifts, At(fromDate), At(toDate));
        Assert.All(shifts.Skip(1), s => Assert.Equal((IsoDayOfWeek.Monday, new LocalTime(9, 0)), (s.From.InZone(zone).DayOfWeek, s.From.InZone(zone).TimeOfDay)));
    }

    [Fact]
    public void TwelveHourRotation_FollowsTheLocalClock_OnTheSpringForwardDay()
    {
        var schedule = Schedule(Layer("Europe/Berlin", "12h", "08:00", "2027-03-01", ["alice", "bob"]));
        var zone = Zone("Europe/Berlin");
        var from = At("2027-03-27T07:00:00Z");
        var to = At("2027-03-29T06:00:00Z");
        var shifts = ScheduleRenderer.Render(schedule, [], from, to);
        AssertContiguous(shifts, from, to);
        Assert.Equal([8, 20, 8, 20], shifts.Select(s => s.From.InZone(zone).Hour).ToArray());
        Assert.Equal(11, (shifts[1].To - shifts[1].From).TotalHours); // 20:00 → 08:00 across the change
    }
}
