using Vigil.Server.Alerts;
using Vigil.Server.Labels;
using Vigil.Server.Maintenance;
using Vigil.Server.Probes;
using Vigil.Server.StatusPage;

namespace Vigil.Server.Tests.StatusPage;

/// <summary>How a component's status follows detection, and the page's overall indicator (pure rules, fixed clock).</summary>
public sealed class StatusRulesTests
{
    private static readonly DateTimeOffset Now = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, ProbeDefinition> Probes = new()
    {
        ["home"] = new ProbeDefinition { Name = "home", Tcp = new TcpProbeSpec("127.0.0.1", 1) },
        ["cart"] = new ProbeDefinition { Name = "cart", Tcp = new TcpProbeSpec("127.0.0.1", 2) },
    };

    private static readonly StatusComponent Shop = new("Shop", "", ["home", "cart"], [MatcherParser.ParseList("service=\"shop\"")], 1);

    private static Alert Firing(params (string, string)[] labels) =>
        new(LabelSet.From(labels.Select(l => KeyValuePair.Create(l.Item1, l.Item2))), AnnotationSet.Empty, Now.AddMinutes(-1), Now.AddMinutes(5), "", Now, false);

    [Fact]
    public void NothingFiring_IsOperational() =>
        Assert.Equal(ComponentStatus.Operational, StatusRules.StatusOf(Shop, [], [], Probes, Now));

    [Fact]
    public void SomeBoundProbesFailing_IsAPartialOutage_AllOfThemAMajorOutage()
    {
        var home = Firing(("alertname", "ProbeFailed"), ("probe", "home"));
        var cart = Firing(("alertname", "ProbeFailed"), ("probe", "cart"));
        Assert.Equal(ComponentStatus.PartialOutage, StatusRules.StatusOf(Shop, [home], [], Probes, Now));
        Assert.Equal(ComponentStatus.MajorOutage, StatusRules.StatusOf(Shop, [home, cart], [], Probes, Now));
    }

    [Theory]
    [InlineData("critical", ComponentStatus.MajorOutage)]
    [InlineData("warning", ComponentStatus.PartialOutage)]
    public void AMatchingAlert_IsAnOutage_MajorWhenCritical(string severity, ComponentStatus expected) =>
        Assert.Equal(expected, StatusRules.StatusOf(Shop, [Firing(("alertname", "Errors"), ("service", "shop"), ("severity", severity))], [], Probes, Now));

    [Fact]
    public void AnAnnouncedWindowCoveringTheComponent_IsMaintenance_AnUnannouncedOneIsNot()
    {
        var window = new MaintenanceWindow
        {
            Id = "w1", Targets = [MatcherParser.ParseList("component=\"Shop\"")], Expected = [], Start = Now.AddMinutes(-10), End = Now.AddMinutes(50),
            Watcher = "alice", Backup = "bob", Announcement = "Database upgrade",
        };
        var home = Firing(("alertname", "ProbeFailed"), ("probe", "home"));
        Assert.Equal(ComponentStatus.UnderMaintenance, StatusRules.StatusOf(Shop, [home], [window], Probes, Now));
        Assert.Equal(ComponentStatus.PartialOutage, StatusRules.StatusOf(Shop, [home], [window with { Announcement = "" }], Probes, Now));
        Assert.Equal(ComponentStatus.PartialOutage, StatusRules.StatusOf(Shop, [home], [window], Probes, Now.AddHours(1)));
    }

    [Theory]
    [InlineData(new[] { ComponentStatus.Operational, ComponentStatus.Operational }, "none", "All Systems Operational")]
    [InlineData(new[] { ComponentStatus.Operational, ComponentStatus.PartialOutage }, "minor", "Minor Service Outage")]
    [InlineData(new[] { ComponentStatus.Operational, ComponentStatus.MajorOutage }, "major", "Partial System Outage")]
    [InlineData(new[] { ComponentStatus.MajorOutage, ComponentStatus.MajorOutage }, "critical", "Major System Outage")]
    [InlineData(new[] { ComponentStatus.UnderMaintenance, ComponentStatus.Operational }, "none", "Service Under Maintenance")]
    public void Overall_FollowsTheWorstComponent(ComponentStatus[] components, string indicator, string description) =>
        Assert.Equal((indicator, description), StatusRules.Overall(components, []));

    [Fact]
    public void Overall_AnUnresolvedCriticalIncident_IsCritical_EvenWithEveryComponentGreen() =>
        Assert.Equal(("critical", "Major System Outage"), StatusRules.Overall([ComponentStatus.Operational], ["critical"]));
}
