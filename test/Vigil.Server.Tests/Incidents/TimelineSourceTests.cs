using Vigil.Server.Hosts;
using Vigil.Server.Incidents;
using Vigil.Server.Labels;
using Vigil.Server.Silences;

namespace Vigil.Server.Tests.Incidents;

/// <summary>The pure parts of the timeline sources: which alerts, silences and reboots become which entries.</summary>
public sealed class TimelineSourceTests
{
    private static readonly DateTimeOffset T0 = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    private static readonly LabelSet SiteDown = LabelSet.Of(("alertname", "SiteDown"), ("host", "lb-1"), ("impact", "customer"));

    private static TimelineScope Scope(params IncidentLink[] links)
    {
        var incident = new Incident(1, "Site down", IncidentSeverity.Sev1, IncidentStatus.Investigating, "", "", "",
            new Dictionary<string, string>(), new Dictionary<TimeField, DateTimeOffset>(), T0.AddMinutes(1), "alice", null, T0);
        return TimelineScope.Of(incident, links, T0.AddHours(8));
    }

    private static IncidentLink Alert(DateTimeOffset? ended = null) =>
        new(IncidentLink.Alert, "abc", "SiteDown", SiteDown, true, T0, ended, T0.AddMinutes(1));

    private static Silence Silence(string matcher, int startMin, int endMin, string? approvedBy = null) =>
        new("s-" + matcher.Length, [.. MatcherParser.ParseList(matcher)], T0.AddMinutes(startMin), T0.AddMinutes(endMin), T0, "lead-sre", "routine reboot", "admin",
            approvedBy, approvedBy is null ? null : T0.AddMinutes(startMin + 1));

    [Fact]
    public void Alerts_FireAtTheirStart_AndResolveAtTheirEnd()
    {
        var entries = AlertTimelineSource.Entries(Scope(Alert(ended: T0.AddHours(6))));
        Assert.Equal([("firing", T0), ("resolved", T0.AddHours(6))], entries.Select(e => (e.Kind, e.At)));
        Assert.All(entries, e => Assert.Equal("alert/abc", e.Link));
        Assert.Contains("host=\"lb-1\"", entries[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Silences_CoveringALinkedAlertDuringTheIncident_AreCreatedApprovedAndExpired_OthersAreLeftOut()
    {
        var covering = Silence("alertname=~\".+\"", 4, 120, approvedBy: "bob");
        var elsewhere = Silence("host=\"db-9\"", 4, 120);
        var before = Silence("alertname=\"SiteDown\"", -600, -300);

        var entries = SilenceTimelineSource.Entries(Scope(Alert()), [covering, elsewhere, before], T0.AddHours(8));

        Assert.Equal(["created", "approved", "expired"], entries.Select(e => e.Kind));
        Assert.Equal("lead-sre", entries[0].Actor);
        Assert.Contains("{alertname=~\".+\"}", entries[0].Text, StringComparison.Ordinal);
        Assert.Contains("\"routine reboot\"", entries[0].Text, StringComparison.Ordinal);
        Assert.Equal("bob", entries[1].Actor);
        Assert.Equal(T0.AddMinutes(120), entries[2].At);
    }

    [Fact]
    public void Reboots_GoSilentComeBackAndAreVerified()
    {
        var reboot = new HostReboot(1, "lb-1", "boot-a", "boot-b", T0.AddMinutes(-116), T0.AddMinutes(184), T0.AddMinutes(300));
        var entries = HostTimelineSource.Entries(reboot).ToList();
        Assert.Equal([("reboot_started", T0.AddMinutes(-116)), ("rebooted", T0.AddMinutes(184)), ("verified", T0.AddMinutes(300))], entries.Select(e => (e.Kind, e.At)));
        Assert.Equal("lb-1 back after 5h (boot boot-b)", entries[1].Text);
    }
}
