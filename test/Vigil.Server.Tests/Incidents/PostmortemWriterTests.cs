using NodaTime;
using Vigil.Server.Incidents;
using Vigil.Server.Incidents.Postmortems;

namespace Vigil.Server.Tests.Incidents;

/// <summary>The postmortem written from facts alone: measured impact, vendor lines, guardrails and times in the zone asked for.</summary>
public sealed class PostmortemWriterTests
{
    private static readonly DateTimeZone Pacific = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    private static DateTimeOffset Utc(string s) => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static IncidentDetail Detail(IReadOnlyList<IncidentEntry> timeline, IReadOnlyDictionary<TimeField, IncidentTime> times, DateTimeOffset? resolved) =>
        new(new Incident(7, "Site down", IncidentSeverity.Sev1, resolved is null ? IncidentStatus.Investigating : IncidentStatus.Resolved, "", "", "",
                new Dictionary<string, string> { ["commander"] = "alice" }, new Dictionary<TimeField, DateTimeOffset>(),
                Utc("2020-05-11T07:26:30Z"), "vigil", resolved, resolved ?? Utc("2020-05-11T07:26:30Z")),
            [], [], times, timeline);

    [Fact]
    public void TheSummary_StatesTheOutagesSpanInTheZone_ItsMeasuredImpact_AndTheResponseTimes()
    {
        var times = new Dictionary<TimeField, IncidentTime>
        {
            [TimeField.ImpactStarted] = new(Utc("2020-05-11T07:26:00Z"), IncidentTime.Derived),
            [TimeField.Detected] = new(Utc("2020-05-11T07:26:00Z"), IncidentTime.Derived),
            [TimeField.FirstPage] = new(Utc("2020-05-11T09:30:00Z"), IncidentTime.Derived),
            [TimeField.Acknowledged] = new(Utc("2020-05-11T09:33:00Z"), IncidentTime.Derived),
            [TimeField.ImpactEnded] = new(Utc("2020-05-11T15:30:00Z"), IncidentTime.Derived),
        };
        var timeline = new List<IncidentEntry>
        {
            new(Utc("2020-05-11T07:26:00Z"), "alert", "firing", "vigil", "HostDown firing on lb-1", "alert/1"),
            new(Utc("2020-05-11T09:30:00Z"), "window", "overrun", "vigil", "window 3 overran: alerts it muted still fire and were raised again", "window/3"),
            new(Utc("2020-05-11T10:00:00Z"), "plan", "halted", "vigil", "halted at post_boot on lb-1: /data is not mounted", "plan_run/r1"),
        };
        var facts = new PostmortemFacts(Detail(timeline, times, Utc("2020-05-11T15:40:00Z")), [], new Dictionary<string, SectionEdit>(),
            new ImpactFigures(1.0, 484), ["db-provider: ticket opened 2:35 AM, acknowledged 3:15 AM after 40 min (promised within 30 min: missed by 10 min)"]);

        var p = PostmortemWriter.Write(facts, Pacific);

        var summary = p.Sections[0].Lines;
        Assert.Equal("From 12:26 AM on Monday 11 May 2020 to 8:30 AM (8 h 4 min): Site down.", summary[0]);
        Assert.Contains("Customer impact: peak 100 % of customer-facing checks failing; 484 customer-minutes lost (measured).", summary.Single(l => l.StartsWith("Customer impact", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("Response: time to detect 0 s; time to acknowledge 3 min; time to mitigate 8 h 4 min; time to resolve 8 h 13 min.", summary[^1]);
        Assert.Contains("- db-provider: ticket opened 2:35 AM, acknowledged 3:15 AM after 40 min (promised within 30 min: missed by 10 min)", p.Sections[3].Lines);
        Assert.Contains("- By 8:30 AM, customer impact had ended.", p.Sections[3].Lines);
        var measures = p.Sections[4].Lines;
        Assert.Contains("Guardrails that acted:", measures);
        Assert.Contains("- 2:30 AM: window 3 overran: alerts it muted still fire and were raised again", measures);
        Assert.Contains("- 3:00 AM: halted at post_boot on lb-1: /data is not mounted", measures);
        Assert.False(p.Preliminary);
    }

    [Fact]
    public void AnOpenIncident_IsPreliminary_AndSaysItIsStillGoingOn()
    {
        var p = PostmortemWriter.Write(new PostmortemFacts(Detail([], new Dictionary<TimeField, IncidentTime>(), null), [],
            new Dictionary<string, SectionEdit>(), null, []), Pacific);

        Assert.True(p.Preliminary);
        Assert.Equal("Since 12:26 AM on Monday 11 May 2020 (still going on): Site down.", p.Sections[0].Lines[0]);
        Assert.Contains("preliminary", PostmortemMarkdown.Render(p), StringComparison.OrdinalIgnoreCase);
    }
}
