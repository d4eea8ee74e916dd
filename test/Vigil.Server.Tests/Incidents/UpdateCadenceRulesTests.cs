using Vigil.Server.Incidents;

namespace Vigil.Server.Tests.Incidents;

/// <summary>When the commander is due a reminder to post an update, as pure code.</summary>
public sealed class UpdateCadenceRulesTests
{
    private static readonly DateTimeOffset T0 = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    private static readonly Dictionary<IncidentSeverity, TimeSpan> Every = new()
    {
        [IncidentSeverity.Sev1] = TimeSpan.FromMinutes(30),
        [IncidentSeverity.Sev2] = TimeSpan.FromHours(1),
    };

    [Fact]
    public void NoUpdateSinceOpening_IsDueOneCadenceAfterOpening()
    {
        Assert.Equal(T0.AddMinutes(30), UpdateCadenceRules.NextReminder(Open(IncidentSeverity.Sev1), [Entry(0, "opened")], Every));
        Assert.Equal(T0.AddHours(1), UpdateCadenceRules.NextReminder(Open(IncidentSeverity.Sev2), [], Every));
    }

    [Fact]
    public void ANote_StartsTheCadenceAgain_ButALinkOrARoleChangeDoesNot()
    {
        var entries = new[] { Entry(0, "opened"), Entry(20, "note"), Entry(25, "link"), Entry(28, "role") };

        Assert.Equal(T0.AddMinutes(50), UpdateCadenceRules.NextReminder(Open(IncidentSeverity.Sev1), entries, Every));
    }

    [Fact]
    public void AfterAMissedUpdate_TheNextReminderIsOneCadenceLater_NeverABurst()
    {
        // The server was down from 0:10 to 3:00: one reminder at 3:00, the next at 3:30, not six at once.
        var entries = new[] { Entry(0, "opened"), Entry(180, UpdateCadenceRules.MissedKind) };

        Assert.Equal(T0.AddMinutes(210), UpdateCadenceRules.NextReminder(Open(IncidentSeverity.Sev1), entries, Every));
    }

    [Fact]
    public void AnUpdateAfterAMissedOne_CountsFromTheUpdate()
    {
        var entries = new[] { Entry(0, "opened"), Entry(30, UpdateCadenceRules.MissedKind), Entry(40, "status") };

        Assert.Equal(T0.AddMinutes(70), UpdateCadenceRules.NextReminder(Open(IncidentSeverity.Sev1), entries, Every));
    }

    [Fact]
    public void ResolvedIncidents_AndSeveritiesWithoutACadence_AreNeverDue()
    {
        Assert.Null(UpdateCadenceRules.NextReminder(Open(IncidentSeverity.Sev3), [], Every));
        Assert.Null(UpdateCadenceRules.NextReminder(Open(IncidentSeverity.Sev1) with { Status = IncidentStatus.Resolved, ResolvedAt = T0 }, [], Every));
    }

    [Fact]
    public void Text_SaysTheCadenceAndWhoWasReminded()
    {
        Assert.Equal("no update for 30m (SEV1 cadence); commander alice reminded",
            UpdateCadenceRules.Text(Open(IncidentSeverity.Sev1), TimeSpan.FromMinutes(30), reminded: true));
        Assert.Equal("no update for 1h30m (SEV1 cadence); no commander to remind",
            UpdateCadenceRules.Text(Open(IncidentSeverity.Sev1) with { Roles = new Dictionary<string, string>() }, TimeSpan.FromMinutes(90), reminded: false));
    }

    private static Incident Open(IncidentSeverity severity) =>
        new(1, "Site down", severity, IncidentStatus.Investigating, "", "", "", new Dictionary<string, string> { [IncidentRoles.Commander] = "alice" },
            new Dictionary<TimeField, DateTimeOffset>(), T0, "admin", null, T0);

    private static IncidentEntry Entry(int minute, string kind) => new(T0.AddMinutes(minute), "incident", kind, "admin", kind, null);
}
