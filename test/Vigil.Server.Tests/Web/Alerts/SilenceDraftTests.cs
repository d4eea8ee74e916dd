using Vigil.Server.Alerts;
using Vigil.Server.Labels;
using Vigil.Server.Web.Alerts;

namespace Vigil.Server.Tests.Web.Alerts;

public sealed class SilenceDraftTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 30, 0, TimeSpan.Zero);

    private static Alert A(params (string, string)[] labels) => new(LabelSet.Of(labels), AnnotationSet.Empty, Now, Now.AddHours(1), "", Now, false);

    [Fact]
    public void OneAlert_IsCoveredByEqualMatchersOnAllItsLabels()
    {
        var matchers = SilenceDraft.Cover([A(("alertname", "HostDown"), ("instance", "lb-2"))]);
        Assert.Equal("alertname=\"HostDown\" instance=\"lb-2\"", AmtoolFilter.Format(matchers));
    }

    [Fact]
    public void AlertsDifferingInOneLabel_GetARegexOfExactlyTheirValues_AndEqualMatchersForTheRest()
    {
        var selected = new[] { A(("alertname", "HostDown"), ("instance", "lb-2"), ("site", "east")), A(("alertname", "HostDown"), ("instance", "cache.1"), ("site", "east")) };
        var matchers = SilenceDraft.Cover(selected);
        Assert.Equal("alertname=\"HostDown\" site=\"east\" instance=~\"cache\\\\.1|lb-2\"", AmtoolFilter.Format(matchers));
        Assert.All(selected, a => Assert.True(Matcher.All(matchers, a.Labels)));
        Assert.False(Matcher.All(matchers, A(("alertname", "HostDown"), ("instance", "cacheX1"), ("site", "east")).Labels));
    }

    [Fact]
    public void WhenOneDifferingLabelTellsTheAlertsApart_OnlyItGetsARegex_SoOthersAreNotCrossMatched()
    {
        var selected = new[] { A(("alertname", "HostDown"), ("instance", "a"), ("job", "x")), A(("alertname", "NodeDown"), ("instance", "b"), ("job", "y")) };
        var matchers = SilenceDraft.Cover(selected);
        Assert.Equal("alertname=~\"HostDown|NodeDown\"", AmtoolFilter.Format(matchers));
        Assert.False(Matcher.All(matchers, A(("alertname", "Other"), ("instance", "a"), ("job", "x")).Labels));
    }

    [Fact]
    public void LabelsMissingFromSomeSelectedAlerts_AreLeftOut()
    {
        var matchers = SilenceDraft.Cover([A(("alertname", "X"), ("team", "db")), A(("alertname", "X"))]);
        Assert.Equal("alertname=\"X\"", AmtoolFilter.Format(matchers));
    }
}
