using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Labels;
using static Vigil.Server.Tests.Dispatch.TestAlerts;

namespace Vigil.Server.Tests.Dispatch;

public sealed class AggregationGroupTests
{
    private static readonly RouteNode Route = RouteNode.Build(new RouteConfig
    {
        Receiver = "r",
        GroupBy = ["alertname"],
        GroupWait = TimeSpan.FromSeconds(30),
        GroupInterval = TimeSpan.FromMinutes(5),
    });

    private static AggregationGroup NewGroup(DateTimeOffset now) => new(Route, LabelSet.Of(("alertname", "Foo")), now);

    [Fact]
    public void Group_FlushesAfterGroupWait_ThenEveryGroupInterval()
    {
        var group = NewGroup(T0);
        group.Insert(Firing(T0, ("alertname", "Foo"), ("i", "1")), T0);
        Assert.Equal(T0.AddSeconds(30), group.NextFlushAt);
        Assert.False(group.IsDue(T0.AddSeconds(29)));
        Assert.True(group.IsDue(T0.AddSeconds(30)));

        var flush = group.Flush(T0.AddSeconds(30));
        Assert.Single(flush.Alerts);
        Assert.Equal("{}:{alertname=\"Foo\"}", flush.GroupKey);
        Assert.Equal(T0.AddSeconds(30).AddMinutes(5), group.NextFlushAt);

        group.Flush(group.NextFlushAt);
        Assert.Equal(T0.AddSeconds(30).AddMinutes(10), group.NextFlushAt);
    }

    [Fact]
    public void Insert_OfAlertOlderThanGroupWait_BeforeFirstFlush_FlushesAtOnce()
    {
        var now = T0.AddMinutes(10);
        var group = NewGroup(now);
        group.Insert(Firing(T0, ("alertname", "Foo")), now);
        Assert.Equal(now, group.NextFlushAt);
    }

    [Fact]
    public void Insert_OfOldAlert_AfterFirstFlush_KeepsGroupInterval()
    {
        var group = NewGroup(T0);
        group.Insert(Firing(T0, ("alertname", "Foo"), ("i", "1")), T0);
        group.Flush(T0.AddSeconds(30));
        group.Insert(Firing(T0.AddMinutes(-10), ("alertname", "Foo"), ("i", "2")), T0.AddMinutes(1));
        Assert.Equal(T0.AddSeconds(30).AddMinutes(5), group.NextFlushAt);
    }

    [Fact]
    public void Insert_ExactlyGroupWaitOld_DoesNotFlushEarly()
    {
        var now = T0.AddSeconds(30);
        var group = NewGroup(now);
        group.Insert(Firing(T0, ("alertname", "Foo")), now);
        Assert.Equal(now.AddSeconds(30), group.NextFlushAt);
    }

    [Fact]
    public void FlushNow_MakesTheGroupDueImmediately()
    {
        var group = NewGroup(T0);
        group.Insert(Firing(T0, ("alertname", "Foo")), T0);
        group.FlushNow(T0.AddSeconds(1));
        Assert.True(group.IsDue(T0.AddSeconds(1)));
    }

    [Fact]
    public void Flush_HidesEndOfFiringAlerts_KeepsResolvedEnd_AndSortsAsAlertmanager()
    {
        var group = NewGroup(T0);
        var b = Firing(T0, ("alertname", "Foo"), ("instance", "b"));
        var a = Firing(T0, ("alertname", "Foo"), ("instance", "a"));
        var noInstance = Firing(T0, ("alertname", "Foo"));
        var resolved = Resolved(Firing(T0, ("alertname", "Foo"), ("instance", "c")), T0.AddSeconds(10));
        foreach (var alert in new[] { noInstance, b, resolved, a })
        {
            group.Insert(alert, T0);
        }

        var flush = group.Flush(T0.AddSeconds(30));

        Assert.Equal(["a", "b", "c", null], flush.Alerts.Select(x => x.Labels.Get("instance")));
        Assert.Equal(DateTimeOffset.MinValue, flush.Alerts[0].EndsAt);
        Assert.Equal(T0.AddSeconds(10), flush.Alerts[2].EndsAt);
        Assert.True(GroupFlush.IsResolved(flush.Alerts[2]));
        Assert.False(GroupFlush.IsResolved(flush.Alerts[0]));
    }

    [Fact]
    public void AlertOrder_PutsFewerLabelsFirst_ThenFirstDifferingName()
    {
        var x = Firing(T0, ("a", "1"));
        var y = Firing(T0, ("a", "1"), ("b", "1"));
        var z = Firing(T0, ("a", "1"), ("c", "1"));
        Assert.True(AlertOrder.Instance.Compare(x, y) < 0);
        Assert.True(AlertOrder.Instance.Compare(z, y) < 0); // z lacks "b", the first name in the union
    }

    [Fact]
    public void MarkNotified_DropsResolvedAlertsUnlessUpdatedSince()
    {
        var group = NewGroup(T0);
        var gone = Resolved(Firing(T0, ("alertname", "Foo"), ("i", "1")), T0.AddSeconds(5));
        var back = Resolved(Firing(T0, ("alertname", "Foo"), ("i", "2")), T0.AddSeconds(5));
        var firing = Firing(T0, ("alertname", "Foo"), ("i", "3"));
        group.Insert(gone, T0);
        group.Insert(back, T0);
        group.Insert(firing, T0);

        var flush = group.Flush(T0.AddSeconds(30));
        group.Insert(Firing(T0.AddSeconds(40), ("alertname", "Foo"), ("i", "2")), T0.AddSeconds(40));
        group.MarkNotified(flush.Alerts);

        Assert.Equal(["2", "3"], group.Alerts.Select(a => a.Labels.Get("i")).Order());
        Assert.False(group.IsEmpty);
    }

    [Fact]
    public void Flush_OfEmptyGroup_IsEmpty_AndStillSchedules()
    {
        var group = NewGroup(T0);
        var flush = group.Flush(T0.AddSeconds(30));
        Assert.True(flush.IsEmpty);
        Assert.True(group.IsEmpty);
        Assert.Equal(T0.AddSeconds(30).AddMinutes(5), group.NextFlushAt);
    }
}
