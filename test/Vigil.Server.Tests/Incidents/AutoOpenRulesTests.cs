using Vigil.Server.Alerts;
using Vigil.Server.Incidents;
using Vigil.Server.Labels;

namespace Vigil.Server.Tests.Incidents;

/// <summary>The auto-open decision as pure code: minimum duration, first rule wins, one incident per outage, titles.</summary>
public sealed class AutoOpenRulesTests
{
    private static readonly DateTimeOffset T0 = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    private static readonly AutoOpenRule Customer = Rule("customer-impact", "impact=\"customer\"", TimeSpan.FromSeconds(30), IncidentSeverity.Sev1);

    private static readonly AutoOpenRule PostBoot = Rule("post-boot", "alertname=\"PostBootCheckFailed\"", TimeSpan.Zero, IncidentSeverity.Sev2);

    [Fact]
    public void CustomerAlert_OpensNothingBeforeItsMinimumDuration_AndSaysWhenToLookAgain()
    {
        var alert = Firing(T0, ("alertname", "ProbeFailed"), ("impact", "customer"));

        var early = Decide([Customer], [alert], T0.AddSeconds(29));

        Assert.Empty(early.Actions);
        Assert.Equal(T0.AddSeconds(30), early.NextDue);
    }

    [Fact]
    public void CustomerAlert_FiringForTheMinimumDuration_OpensASev1WithTheAlert()
    {
        var alert = Firing(T0, ("alertname", "ProbeFailed"), ("impact", "customer"));

        var decision = Decide([Customer], [alert], T0.AddSeconds(30));

        var action = Assert.Single(decision.Actions);
        Assert.True(action.Opens);
        Assert.Equal(IncidentSeverity.Sev1, action.Rule.Severity);
        Assert.Equal([alert], action.Alerts);
        Assert.Null(decision.NextDue);
    }

    [Fact]
    public void LaterMatchingAlerts_AttachToTheRulesOpenIncident_EvenBeforeTheirMinimumDuration()
    {
        var second = Firing(T0.AddMinutes(5), ("alertname", "CheckoutDown"), ("impact", "customer"));

        var decision = Decide([Customer], [second], T0.AddMinutes(5), open: r => r == Customer ? 7 : null);

        var action = Assert.Single(decision.Actions);
        Assert.False(action.Opens);
        Assert.Equal(7, action.IncidentId);
        Assert.Equal([second], action.Alerts);
    }

    [Fact]
    public void AlertAlreadyLinked_IsNeverTakenAgain_SoResolvingAnIncidentDoesNotReopenIt()
    {
        var alert = Firing(T0, ("alertname", "ProbeFailed"), ("impact", "customer"));

        var decision = AutoOpenRules.Decide([Customer], [alert], _ => null, a => a == alert, T0.AddHours(1));

        Assert.Empty(decision.Actions);
        Assert.Null(decision.NextDue);
    }

    [Fact]
    public void ResolvedAlerts_AndAlertsNoRuleMatches_OpenNothing()
    {
        var resolved = new Alert(LabelSet.From([new("impact", "customer")]), AnnotationSet.Empty, T0, T0.AddMinutes(1), "", T0, false);
        var other = Firing(T0, ("alertname", "DiskFull"));

        var decision = Decide([Customer, PostBoot], [resolved, other], T0.AddHours(1));

        Assert.Empty(decision.Actions);
    }

    [Fact]
    public void AnAlertMatchingTwoRules_BelongsToTheFirstOnly()
    {
        var both = Firing(T0, ("alertname", "PostBootCheckFailed"), ("impact", "customer"));
        var postBoot = Firing(T0, ("alertname", "PostBootCheckFailed"), ("host", "db-1"));

        var decision = Decide([Customer, PostBoot], [both, postBoot], T0.AddMinutes(1));

        Assert.Equal(2, decision.Actions.Count);
        Assert.Equal([both], decision.Actions.Single(a => a.Rule == Customer).Alerts);
        Assert.Equal([postBoot], decision.Actions.Single(a => a.Rule == PostBoot).Alerts);
    }

    [Fact]
    public void OneOutage_ManyAlerts_OpensOneIncidentWithAllOfThem_OldestFirst()
    {
        var first = Firing(T0, ("alertname", "ProbeFailed"), ("impact", "customer"), ("probe", "shop"));
        var second = Firing(T0.AddSeconds(20), ("alertname", "ProbeFailed"), ("impact", "customer"), ("probe", "api"));

        var decision = Decide([Customer], [second, first], T0.AddSeconds(30));

        var action = Assert.Single(decision.Actions);
        Assert.Equal([first, second], action.Alerts);
    }

    [Theory]
    [InlineData("Customers affected: {alertname} on {probe}", "Customers affected: ProbeFailed on shop")]
    [InlineData("{missing} down", "down")]
    [InlineData("{ not a label } stays", "{ not a label } stays")]
    [InlineData("{}", "{}")]
    [InlineData("{missing}", "customer-impact")]
    public void Title_FillsLabelPlaceholders_FromTheFirstAlert(string template, string expected)
    {
        var rule = Customer with { Title = template };

        Assert.Equal(expected, AutoOpenRules.Title(rule, LabelSet.From([new("alertname", "ProbeFailed"), new("probe", "shop")])));
    }

    private static AutoOpenDecision Decide(IReadOnlyList<AutoOpenRule> rules, IEnumerable<Alert> alerts, DateTimeOffset now, Func<AutoOpenRule, long?>? open = null) =>
        AutoOpenRules.Decide(rules, alerts, open ?? (_ => null), _ => false, now);

    private static AutoOpenRule Rule(string name, string matchers, TimeSpan forTime, IncidentSeverity severity) =>
        new(name, MatcherParser.ParseList(matchers), forTime, severity, name + ": {alertname}", null, null);

    private static Alert Firing(DateTimeOffset start, params (string Name, string Value)[] labels) =>
        new(LabelSet.From(labels.Select(l => new KeyValuePair<string, string>(l.Name, l.Value))), AnnotationSet.Empty, start, start.AddYears(1), "", start, false);
}
