using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Inhibition;
using Vigil.Server.Labels;
using MatchType = Vigil.Server.Labels.MatchType;

namespace Vigil.Server.Tests.Inhibition;

public sealed class InhibitorTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static Alert A(params (string, string)[] labels) =>
        new(LabelSet.Of(labels), AnnotationSet.Empty, Now.AddMinutes(-5), Now.AddMinutes(5), "", Now, Timeout: true);

    private static readonly Inhibitor CriticalInhibitsWarning = new(
    [
        new InhibitRuleConfig([Matcher.Equal("severity", "critical")], [Matcher.Equal("severity", "warning")], ["cluster", "zone"]),
    ]);

    public static TheoryData<string, Alert[], Alert, bool> Cases => new()
    {
        { "same equal labels", [A(("severity", "critical"), ("cluster", "c1"), ("zone", "z"))], A(("severity", "warning"), ("cluster", "c1"), ("zone", "z")), true },
        { "different equal label", [A(("severity", "critical"), ("cluster", "c2"), ("zone", "z"))], A(("severity", "warning"), ("cluster", "c1"), ("zone", "z")), false },
        { "absent equals absent", [A(("severity", "critical"), ("cluster", "c1"))], A(("severity", "warning"), ("cluster", "c1")), true },
        { "absent differs from present", [A(("severity", "critical"), ("cluster", "c1"))], A(("severity", "warning"), ("cluster", "c1"), ("zone", "z")), false },
        { "target side does not match", [A(("severity", "critical"), ("cluster", "c1"))], A(("severity", "info"), ("cluster", "c1")), false },
        { "no source", [A(("severity", "warning"), ("cluster", "c1"))], A(("severity", "warning"), ("cluster", "c1"), ("x", "y")), false },
        {
            "resolved source",
            [A(("severity", "critical"), ("cluster", "c1")) with { EndsAt = Now.AddSeconds(-1) }],
            A(("severity", "warning"), ("cluster", "c1")),
            false
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void InhibitedBy_FiringSourceWithEqualLabels(string name, Alert[] alerts, Alert target, bool inhibited)
    {
        var scanned = CriticalInhibitsWarning.InhibitedBy(target.Labels, alerts.Append(target), Now);
        var indexed = CriticalInhibitsWarning.InhibitedBy(target.Labels, CriticalInhibitsWarning.CreateIndex(alerts.Append(target)), Now);
        Assert.True(inhibited == (scanned.Count == 1), name);
        Assert.Equal(scanned, indexed);
        if (inhibited)
        {
            Assert.Equal(alerts[0].Fingerprint, scanned[0]);
        }
    }

    [Fact]
    public void AlertMatchingBothSides_DoesNotInhibitItself_NorOtherTwoSidedAlerts()
    {
        // Source and target both match alertname=Down; only an alert matching the source alone inhibits it.
        var inhibitor = new Inhibitor([new InhibitRuleConfig([Matcher.Equal("alertname", "Down")], [Matcher.Equal("alertname", "Down")], ["job"])]);
        var self = A(("alertname", "Down"), ("job", "x"), ("instance", "1"));
        var sibling = A(("alertname", "Down"), ("job", "x"), ("instance", "2"));
        Assert.Empty(inhibitor.InhibitedBy(self.Labels, [self, sibling], Now));
        Assert.Empty(inhibitor.InhibitedBy(self.Labels, inhibitor.CreateIndex([self, sibling]), Now));
    }

    [Fact]
    public void TwoSidedSource_InhibitsTargetThatMatchesOnlyTheTargetSide()
    {
        var inhibitor = new Inhibitor([new InhibitRuleConfig([Matcher.Equal("team", "db")], [Matcher.Create("severity", MatchType.Regex, "warning|critical")], [])]);
        var source = A(("team", "db"), ("severity", "critical"));
        var target = A(("team", "web"), ("severity", "warning"));
        Assert.Equal([source.Fingerprint], inhibitor.InhibitedBy(target.Labels, inhibitor.CreateIndex([source, target]), Now));
        // The source itself matches both sides: it is not inhibited by itself.
        Assert.Empty(inhibitor.InhibitedBy(source.Labels, inhibitor.CreateIndex([source, target]), Now));
    }

    [Fact]
    public void Index_FollowsRemovalAndPruning()
    {
        var source = A(("severity", "critical"), ("cluster", "c1"));
        var target = LabelSet.Of(("severity", "warning"), ("cluster", "c1"));
        var index = CriticalInhibitsWarning.CreateIndex([source]);
        Assert.Single(CriticalInhibitsWarning.InhibitedBy(target, index, Now));

        index.Remove(source.Fingerprint);
        Assert.Empty(CriticalInhibitsWarning.InhibitedBy(target, index, Now));
        Assert.Equal(0, index.Count);

        index.Set(source with { EndsAt = Now.AddSeconds(-1) });
        Assert.Empty(CriticalInhibitsWarning.InhibitedBy(target, index, Now));
        index.PruneResolved(Now);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Index_Checks100kTargets_Quickly()
    {
        var alerts = Enumerable.Range(0, 100_000)
            .Select(i => A(("severity", i % 10 == 0 ? "critical" : "warning"), ("cluster", "c" + (i / 10)), ("zone", "z"), ("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();
        var index = CriticalInhibitsWarning.CreateIndex(alerts);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var inhibited = alerts.Count(a => CriticalInhibitsWarning.Mutes(a.Labels, index, Now));
        sw.Stop();
        Assert.Equal(90_000, inhibited);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
    }
}
