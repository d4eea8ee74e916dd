using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Labels;
using MatchType = Vigil.Server.Labels.MatchType;

namespace Vigil.Server.Tests.Dispatch;

public sealed class RouteNodeTests
{
    private static Matcher Eq(string n, string v) => Matcher.Create(n, MatchType.Equal, v);

    private static Matcher Re(string n, string v) => Matcher.Create(n, MatchType.Regex, v);

    /// <summary>The tree of Alertmanager 0.25's dispatch/route_test.go TestRouteMatch (match_re anchored as its config does).</summary>
    private static readonly RouteNode Tree = RouteNode.Build(new RouteConfig
    {
        Receiver = "notify-def",
        Routes =
        [
            new RouteConfig
            {
                Matchers = [Eq("owner", "team-A")],
                Receiver = "notify-A",
                Routes =
                [
                    new RouteConfig { Matchers = [Eq("env", "testing")], Receiver = "notify-testing", GroupByAll = true },
                    new RouteConfig { Matchers = [Eq("env", "production")], Receiver = "notify-productionA", GroupWait = TimeSpan.FromMinutes(1), Continue = true },
                    new RouteConfig
                    {
                        Matchers = [Re("job", "^(?:.*)$"), Re("env", "^(?:produ.*)$")],
                        Receiver = "notify-productionB",
                        GroupWait = TimeSpan.FromSeconds(30),
                        GroupInterval = TimeSpan.FromMinutes(5),
                        RepeatInterval = TimeSpan.FromHours(1),
                        GroupBy = ["job"],
                    },
                ],
            },
            new RouteConfig
            {
                Matchers = [Re("owner", "^(?:team-(B|C))$")],
                GroupBy = ["foo", "bar"],
                GroupWait = TimeSpan.FromMinutes(2),
                Receiver = "notify-BC",
            },
            new RouteConfig
            {
                Matchers = [Eq("group_by", "role")],
                GroupBy = ["role"],
                Routes =
                [
                    new RouteConfig
                    {
                        Matchers = [Eq("env", "testing")],
                        Receiver = "notify-testing",
                        Routes = [new RouteConfig { Matchers = [Eq("wait", "long")], GroupWait = TimeSpan.FromMinutes(2) }],
                    },
                ],
            },
        ],
    });

    public static TheoryData<string, string[], string[]> Cases => new()
    {
        { "owner=team-A", ["notify-A"], ["{}/{owner=\"team-A\"}"] },
        { "owner=team-X", ["notify-def"], ["{}"] },
        { "owner=team-C", ["notify-BC"], ["{}/{owner=~\"^(?:team-(B|C))$\"}"] },
        { "owner=team-A,env=testing", ["notify-testing"], ["{}/{owner=\"team-A\"}/{env=\"testing\"}"] },
        {
            "owner=team-A,env=production",
            ["notify-productionA", "notify-productionB"],
            ["{}/{owner=\"team-A\"}/{env=\"production\"}", "{}/{owner=\"team-A\"}/{env=~\"^(?:produ.*)$\",job=~\"^(?:.*)$\"}"]
        },
        { "group_by=role", ["notify-def"], ["{}/{group_by=\"role\"}"] },
        { "env=testing,group_by=role", ["notify-testing"], ["{}/{group_by=\"role\"}/{env=\"testing\"}"] },
        { "env=testing,group_by=role,wait=long", ["notify-testing"], ["{}/{group_by=\"role\"}/{env=\"testing\"}/{wait=\"long\"}"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Match_FollowsAlertmanagerDepthFirstSemantics_AndKeys(string labels, string[] receivers, string[] keys)
    {
        var set = LabelSet.Of(labels.Split(',').Select(p => p.Split('=')).Select(p => (p[0], p[1])).ToArray());
        var matches = Tree.Match(set);
        Assert.Equal(receivers, matches.Select(m => m.Receiver));
        Assert.Equal(keys, matches.Select(m => m.Key));
    }

    [Fact]
    public void Children_InheritTimingAndGrouping_UnlessSet()
    {
        var production = Tree.Match(LabelSet.Of(("owner", "team-A"), ("env", "production")));
        Assert.Equal(TimeSpan.FromMinutes(1), production[0].GroupWait);
        Assert.Equal(TimeSpan.FromMinutes(5), production[0].GroupInterval);
        Assert.Equal(TimeSpan.FromHours(4), production[0].RepeatInterval);
        Assert.Empty(production[0].GroupBy);
        Assert.Equal(["job"], production[1].GroupBy);
        Assert.Equal(TimeSpan.FromHours(1), production[1].RepeatInterval);

        var longWait = Assert.Single(Tree.Match(LabelSet.Of(("env", "testing"), ("group_by", "role"), ("wait", "long"))));
        Assert.Equal(["role"], longWait.GroupBy);
        Assert.Equal(TimeSpan.FromMinutes(2), longWait.GroupWait);
        Assert.False(longWait.GroupByAll);

        var all = Assert.Single(Tree.Match(LabelSet.Of(("owner", "team-A"), ("env", "testing"))));
        Assert.True(all.GroupByAll);
    }

    [Fact]
    public void Root_HasAlertmanagerDefaults()
    {
        var root = RouteNode.Build(new RouteConfig { Receiver = "r" });
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromHours(4)), (root.GroupWait, root.GroupInterval, root.RepeatInterval));
        Assert.Equal("{}", root.Key);
        Assert.Equal("{}", root.Id);
        Assert.Same(root, Assert.Single(root.Match(LabelSet.Of(("a", "b")))));
    }

    [Fact]
    public void Matchers_AreSortedByNameValueThenType_InKeys()
    {
        var root = RouteNode.Build(new RouteConfig
        {
            Receiver = "r",
            Routes = [new RouteConfig { Matchers = [Eq("z", "1"), Matcher.Create("a", MatchType.NotEqual, "x"), Eq("a", "x"), Eq("a", "b")] }],
        });
        Assert.Equal("{}/{a=\"b\",a=\"x\",a!=\"x\",z=\"1\"}", root.Routes[0].Key);
    }

    [Fact]
    public void Ids_AreUnique_WhereKeysCollide()
    {
        var root = RouteNode.Build(new RouteConfig
        {
            Receiver = "r",
            Routes =
            [
                new RouteConfig { Matchers = [Eq("a", "b")], Receiver = "x", Continue = true, Routes = [new RouteConfig { Matchers = [Eq("c", "d")] }] },
                new RouteConfig { Matchers = [Eq("a", "b")], Receiver = "y" },
            ],
        });
        Assert.Equal(root.Routes[0].Key, root.Routes[1].Key);
        Assert.Equal("{}/{a=\"b\"}/0", root.Routes[0].Id);
        Assert.Equal("{}/{a=\"b\"}/1", root.Routes[1].Id);
        Assert.Equal("{}/{a=\"b\"}/{c=\"d\"}", root.Routes[0].Routes[0].Key);
        Assert.Equal("{}/{a=\"b\"}/0/{c=\"d\"}/0", root.Routes[0].Routes[0].Id);

        var matches = root.Match(LabelSet.Of(("a", "b")));
        Assert.Equal(["x", "y"], matches.Select(m => m.Receiver));
    }

    [Fact]
    public void TimeIntervalNames_AreNotInherited_AsInAlertmanager025()
    {
        var root = RouteNode.Build(new RouteConfig
        {
            Receiver = "r",
            Routes = [new RouteConfig { MuteTimeIntervals = ["nights"], ActiveTimeIntervals = ["office"], Routes = [new RouteConfig()] }],
        });
        Assert.Equal(["nights"], root.Routes[0].MuteTimeIntervals);
        Assert.Equal(["office"], root.Routes[0].ActiveTimeIntervals);
        Assert.Empty(root.Routes[0].Routes[0].MuteTimeIntervals);
        Assert.Empty(root.Routes[0].Routes[0].ActiveTimeIntervals);
    }

    [Fact]
    public void EmptyGroupByList_Inherits_AndExplicitList_ClearsGroupByAll()
    {
        var root = RouteNode.Build(new RouteConfig
        {
            Receiver = "r",
            GroupByAll = true,
            Routes = [new RouteConfig { GroupBy = [] }, new RouteConfig { GroupBy = ["x"] }],
        });
        Assert.True(root.Routes[0].GroupByAll);
        Assert.False(root.Routes[1].GroupByAll);
    }
}
