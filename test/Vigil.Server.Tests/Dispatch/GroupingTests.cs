using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Labels;

namespace Vigil.Server.Tests.Dispatch;

public sealed class GroupingTests
{
    private static readonly LabelSet Labels = LabelSet.Of(("alertname", "Foo"), ("severity", "critical"), ("instance", "a:9100"));

    [Fact]
    public void GroupKey_OnRoot_IsBracesColonGroupLabels()
    {
        var root = RouteNode.Build(new RouteConfig { Receiver = "r", GroupBy = ["alertname"] });
        Assert.Equal("{}:{alertname=\"Foo\"}", Grouping.GroupKey(root, Grouping.GroupLabels(root, Labels)));
    }

    [Fact]
    public void GroupKey_OnChild_IncludesRouteKey_AndOnlyPresentGroupByLabels()
    {
        var root = RouteNode.Build(new RouteConfig
        {
            Receiver = "r",
            GroupBy = ["alertname", "cluster"],
            Routes = [new RouteConfig { Matchers = [Matcher.Equal("severity", "critical")] }],
        });
        var route = Assert.Single(root.Match(Labels));
        Assert.Equal("{}/{severity=\"critical\"}:{alertname=\"Foo\"}", Grouping.GroupKey(route, Grouping.GroupLabels(route, Labels)));
    }

    [Fact]
    public void GroupByAll_UsesEveryLabel_JoinedWithCommaSpace()
    {
        var root = RouteNode.Build(new RouteConfig { Receiver = "r", GroupByAll = true });
        Assert.Equal(
            "{}:{alertname=\"Foo\", instance=\"a:9100\", severity=\"critical\"}",
            Grouping.GroupKey(root, Grouping.GroupLabels(root, Labels)));
    }

    [Fact]
    public void NoGroupBy_GivesEmptyGroupLabels()
    {
        var root = RouteNode.Build(new RouteConfig { Receiver = "r" });
        Assert.Equal("{}:{}", Grouping.GroupKey(root, Grouping.GroupLabels(root, Labels)));
    }

    [Fact]
    public void GroupLabels_PrintLikeGo_SortingWholePairs()
    {
        // Go's LabelSet.String sorts "name=value" strings: '0' (0x30) sorts before '=' (0x3D).
        Assert.Equal("{a0=\"y\", a=\"x\"}", Grouping.FormatLabels(LabelSet.Of(("a", "x"), ("a0", "y"))));
        Assert.Equal("{a=\"q\\\"uote\"}", Grouping.FormatLabels(LabelSet.Of(("a", "q\"uote"))));
    }
}
