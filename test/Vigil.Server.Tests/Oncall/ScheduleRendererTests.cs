using NodaTime;
using Vigil.Server.Oncall;
using static Vigil.Server.Tests.Oncall.TestSchedules;

namespace Vigil.Server.Tests.Oncall;

/// <summary>Layers, restrictions and overrides stacked into final shifts.</summary>
public sealed class ScheduleRendererTests
{
    [Fact]
    public void HigherLayer_WinsOverLowerLayer_OnlyInsideItsRestriction()
    {
        var night = Layer("UTC", "1d", "00:00", "2027-01-01", ["nora"]);
        var day = Layer("UTC", "1d", "00:00", "2027-01-01", ["dan"], Daily(9, 17));
        var shifts = ScheduleRenderer.Render(Schedule(night, day), [], At("2027-01-04T00:00:00Z"), At("2027-01-05T00:00:00Z"));
        Assert.Equal(
            [("nora", "00:00", "09:00", "layer-1"), ("dan", "09:00", "17:00", "layer-2"), ("nora", "17:00", "00:00", "layer-1")],
            shifts.Select(s => (s.Person, Hm(s.From), Hm(s.To), s.Layer)).ToArray());
    }

    [Fact]
    public void FollowTheSun_ThreeZones_CoverTheDayWithoutGaps()
    {
        // Eight hours per office in January (UTC+11, +1, -8): Sydney 08-16 (21-05Z), Berlin 06-14 (05-13Z), LA 05-13 (13-21Z).
        var sydney = Layer("Australia/Sydney", "1w", "08:00", "2027-01-04", ["sam"], Daily(8, 16)) with { Name = "apac" };
        var berlin = Layer("Europe/Berlin", "1w", "08:00", "2027-01-04", ["bea"], Daily(6, 14)) with { Name = "emea" };
        var sf = Layer("America/Los_Angeles", "1w", "08:00", "2027-01-04", ["lou"], Daily(5, 13)) with { Name = "amer" };
        var schedule = new Schedule("fts", DateTimeZone.Utc, [sydney, berlin, sf], []);
        var from = At("2027-01-12T00:00:00Z");
        var to = At("2027-01-14T00:00:00Z");
        var shifts = ScheduleRenderer.Render(schedule, [], from, to);
        Assert.Equal(Duration.FromHours(48), shifts.Aggregate(Duration.Zero, (d, s) => d + (s.To - s.From)));
        Assert.Empty(CoverageGaps.Find(shifts, from, to));
    }

    [Fact]
    public void WeeklyRestriction_WorkWeek_LeavesTheWeekendUncovered()
    {
        var layer = Layer("Europe/Berlin", "1w", "09:00", "2027-01-04", ["alice", "bob"], Weekly(IsoDayOfWeek.Monday, 9, IsoDayOfWeek.Friday, 17));
        var from = At("2027-01-04T00:00:00Z");
        var to = At("2027-01-11T00:00:00Z");
        var shifts = ScheduleRenderer.Render(Schedule(layer), [], from, to);
        var shift = Assert.Single(shifts);
        Assert.Equal((At("2027-01-04T08:00:00Z"), At("2027-01-08T16:00:00Z")), (shift.From, shift.To));
        Assert.Equal(2, CoverageGaps.Find(shifts, from, to).Count);
    }

    [Fact]
    public void Overrides_WinOverLayers_AndTheLaterOverrideWins()
    {
        var layer = Layer("UTC", "1d", "00:00", "2027-01-01", ["alice"]);
        var shifts = ScheduleRenderer.Render(Schedule(layer), [
            Override("bob", "2027-01-04T06:00:00Z", "2027-01-04T12:00:00Z", 1),
            Override("carol", "2027-01-04T10:00:00Z", "2027-01-04T11:00:00Z", 2),
        ], At("2027-01-04T00:00:00Z"), At("2027-01-05T00:00:00Z"));
        Assert.Equal(
            [("alice", "00:00", "06:00"), ("bob", "06:00", "10:00"), ("carol", "10:00", "11:00"), ("bob", "11:00", "12:00"), ("alice", "12:00", "00:00")],
            shifts.Select(s => (s.Person, Hm(s.From), Hm(s.To))).ToArray());
        Assert.Equal(Shift.OverrideLayer, shifts[2].Layer);
    }

    [Fact]
    public void BeforeTheLayerStarts_NobodyIsOnCall()
    {
        var layer = Layer("UTC", "1d", "09:00", "2027-01-10", ["alice"]);
        Assert.Null(ScheduleRenderer.At(Schedule(layer), [], At("2027-01-10T08:59:00Z")));
        Assert.Equal("alice", ScheduleRenderer.At(Schedule(layer), [], At("2027-01-10T09:00:00Z"))!.Person);
    }

    [Theory]
    [InlineData("2027-03-13T01:00:00Z", "2027-03-13T05:00:00Z", "Europe/Berlin", "nobody 02:00–06:00 Sat 2027-03-13 (Europe/Berlin)")]
    [InlineData("2027-03-12T21:00:00Z", "2027-03-13T05:00:00Z", "Europe/Berlin", "nobody 22:00 Fri 2027-03-12–06:00 Sat 2027-03-13 (Europe/Berlin)")]
    [InlineData("2027-03-13T18:00:00Z", "2027-03-14T00:00:00Z", "UTC", "nobody 18:00–24:00 Sat 2027-03-13 (UTC)")]
    public void Gap_IsDescribedInTheZone(string from, string to, string zone, string expected) =>
        Assert.Equal(expected, CoverageGaps.Describe(new InstantRange(At(from), At(to)), Zone(zone)));

    private static string Hm(Instant i) => i.InUtc().ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
