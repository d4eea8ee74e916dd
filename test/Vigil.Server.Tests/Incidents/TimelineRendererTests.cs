using NodaTime;
using Vigil.Server.Incidents;

namespace Vigil.Server.Tests.Incidents;

/// <summary>The timeline as text in a person's zone: the zone named, a date line per local day, correct across DST.</summary>
public sealed class TimelineRendererTests
{
    private static readonly DateTimeZone Pacific = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    private static IncidentEntry E(string utc, string text, string actor = "vigil") =>
        new(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), "incident", "note", actor, text, null);

    [Fact]
    public void Lines_ShowTheSeedsNightInPacificTime_WithADateLineAtMidnight()
    {
        var lines = TimelineRenderer.Lines(
        [
            E("2020-05-11T05:30:00Z", "Reboot begins"),
            E("2020-05-11T07:26:00Z", "Outage begins"),
            E("2020-05-11T07:30:00Z", "silenced all alerts", actor: "lead-sre"),
        ], Pacific);

        Assert.Equal(
        [
            "Timeline (all times in America/Los_Angeles, PDT)",
            "Sunday 10 May 2020:",
            "- 10:30 PM: Reboot begins",
            "Monday 11 May 2020:",
            "- 12:26 AM: Outage begins",
            "- 12:30 AM: silenced all alerts (lead-sre)",
        ], lines);
    }

    public static TheoryData<string, string, string> AcrossDst => new()
    {
        // instant (UTC) → local clock in Los Angeles, zone abbreviation
        { "2020-03-08T09:30:00Z", "1:30 AM", "PST" },
        { "2020-03-08T10:30:00Z", "3:30 AM", "PDT" },
        { "2020-11-01T08:30:00Z", "1:30 AM", "PDT" },
        { "2020-11-01T09:30:00Z", "1:30 AM", "PST" },
    };

    [Theory]
    [MemberData(nameof(AcrossDst))]
    public void Lines_UseTheZonesOffsetAtEachInstant_AcrossADstChange(string utc, string clock, string abbreviation)
    {
        var lines = TimelineRenderer.Lines([E(utc, "x")], Pacific);
        Assert.Equal($"Timeline (all times in America/Los_Angeles, {abbreviation})", lines[0]);
        Assert.Equal($"- {clock}: x", lines[2]);
    }

    [Fact]
    public void Lines_NameEveryAbbreviationTheTimelineCrosses()
    {
        var lines = TimelineRenderer.Lines([E("2020-03-08T09:30:00Z", "before"), E("2020-03-08T10:30:00Z", "after")], Pacific);
        Assert.Equal("Timeline (all times in America/Los_Angeles, PST/PDT)", lines[0]);
        Assert.Equal(["- 1:30 AM: before", "- 3:30 AM: after"], lines.Skip(2));
    }
}
