using Vigil.Server.Escalation;
using Vigil.Server.Incidents;
using Vigil.Server.Labels;

namespace Vigil.Server.Tests.Incidents;

/// <summary>Whom opening an incident pages, as pure code.</summary>
public sealed class CommanderPagingTests
{
    private static readonly DateTimeOffset T0 = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    private static readonly EscalationPolicy Ops = new("ops", [new EscalationLevel([new EscalationTarget(TargetKind.Team, "sre")], TimeSpan.FromMinutes(5), false)], 0, null);

    private static readonly Dictionary<string, EscalationPolicy> Policies = new(StringComparer.Ordinal) { ["ops"] = Ops };

    private static readonly AutoOpenRule Customer = new("customer", MatcherParser.ParseList("impact=\"customer\""), TimeSpan.Zero, IncidentSeverity.Sev1,
        "x", "bob", "ops");

    [Fact]
    public void ByHand_WithAKnownCommander_PagesThatCommanderDirectly()
    {
        var policy = CommanderPaging.PolicyFor(Incident("carol", "admin", null), new IncidentsOptions { EscalationPolicy = "ops" }, Policies, _ => true);

        Assert.NotNull(policy);
        Assert.Equal("incident-commander:carol", policy.Name);
        Assert.Equal(new EscalationTarget(TargetKind.Person, "carol"), Assert.Single(Assert.Single(policy.Levels).Targets));
    }

    [Fact]
    public void AutoOpened_PagesTheRulesPolicy_BeforeTheSectionsPolicy()
    {
        var options = new IncidentsOptions { EscalationPolicy = "other", AutoOpen = [Customer] };

        var policy = CommanderPaging.PolicyFor(Incident("bob", "auto_open:customer", Customer.OpenKey), options, Policies, _ => true);

        Assert.Same(Ops, policy);
    }

    [Fact]
    public void AutoOpened_WithoutAPolicy_PagesTheRulesCommander_ThenTheSectionsCommander()
    {
        var rule = Customer with { EscalationPolicy = null };
        var options = new IncidentsOptions { Commander = "alice", AutoOpen = [rule] };

        Assert.Equal("incident-commander:bob", CommanderPaging.PolicyFor(Incident(null, "auto_open:customer", rule.OpenKey), options, Policies, _ => true)!.Name);
        Assert.Equal("incident-commander:alice",
            CommanderPaging.PolicyFor(Incident(null, "auto_open:customer", rule.OpenKey), options with { AutoOpen = [rule with { Commander = null }] }, Policies, _ => true)!.Name);
    }

    [Fact]
    public void NobodyReachable_PagesNobody()
    {
        Assert.Null(CommanderPaging.PolicyFor(Incident("mallory", "admin", null), new IncidentsOptions(), Policies, p => p != "mallory"));
        Assert.Null(CommanderPaging.PolicyFor(Incident(null, "admin", null), new IncidentsOptions(), Policies, _ => true));
    }

    private static Incident Incident(string? commander, string openedBy, string? openKey) =>
        new(1, "Site down", IncidentSeverity.Sev1, IncidentStatus.Investigating, "", "", "",
            commander is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [IncidentRoles.Commander] = commander },
            new Dictionary<TimeField, DateTimeOffset>(), T0, openedBy, null, T0, openKey);
}
