using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Labels;
using static Vigil.Server.Tests.Dispatch.TestAlerts;

namespace Vigil.Server.Tests.Dispatch;

public sealed class NotificationPlannerTests
{
    private static readonly RouteNode Route = RouteNode.Build(new RouteConfig { Receiver = "team", GroupBy = ["alertname"] });

    private static GroupFlush FlushOf(params Alert[] alerts)
    {
        var group = new AggregationGroup(Route, LabelSet.Of(("alertname", "A")), T0);
        foreach (var a in alerts)
        {
            group.Insert(a, T0);
        }
        return group.Flush(T0.AddSeconds(30));
    }

    private static readonly Alert One = Firing(T0, ("alertname", "A"), ("i", "1"));
    private static readonly Alert Two = Firing(T0, ("alertname", "A"), ("i", "2"));
    private static readonly Alert Three = Firing(T0, ("alertname", "A"), ("i", "3"));

    [Fact]
    public void FirstFiring_IsSent_WithLogEntryOfAllAlerts()
    {
        var flush = FlushOf(One, Two);
        var d = NotificationPlanner.Plan(flush, _ => false, 0, sendResolved: true, maxAlerts: 0, previous: null, flush.FlushedAt);
        Assert.Equal(NotificationAction.Send, d.Action);
        Assert.Equal(2, d.Alerts.Count);
        Assert.NotNull(d.Entry);
        Assert.Equal(new HashSet<ulong> { One.Fingerprint.Value, Two.Fingerprint.Value }, d.Entry.FiringFingerprints);
        Assert.Equal("{}:{alertname=\"A\"}", d.Entry.GroupKey);
        Assert.Equal("team", d.Entry.ReceiverName);
    }

    [Fact]
    public void MutedAlerts_AreLeftOut_AndAllMuted_SendsAndLogsNothing()
    {
        var flush = FlushOf(One, Two);
        var d = NotificationPlanner.Plan(flush, a => a == flush.Alerts[0], 0, true, 0, null, flush.FlushedAt);
        Assert.Equal([flush.Alerts[1]], d.Alerts);
        Assert.Equal(NotificationDecision.Nothing, NotificationPlanner.Plan(flush, _ => true, 0, true, 0, null, flush.FlushedAt));
    }

    [Fact]
    public void Unchanged_IsSuppressed_UntilRepeatInterval()
    {
        var flush = FlushOf(One);
        var first = NotificationPlanner.Plan(flush, _ => false, 0, true, 0, null, flush.FlushedAt);
        var again = NotificationPlanner.Plan(flush, _ => false, 0, true, 0, first.Entry, flush.FlushedAt.AddMinutes(5));
        Assert.Equal(NotificationAction.None, again.Action);
        var repeat = NotificationPlanner.Plan(flush, _ => false, 0, true, 0, first.Entry, flush.FlushedAt.AddHours(4).AddSeconds(1));
        Assert.Equal(NotificationAction.Send, repeat.Action);
    }

    [Fact]
    public void WithoutSendResolved_ResolvedAlertsAreDropped_AndAllResolvedOnlyLogs()
    {
        var logged = new NotificationLogEntry("{}:{alertname=\"A\"}", "team", 0, new HashSet<ulong> { One.Fingerprint.Value, Two.Fingerprint.Value }, new HashSet<ulong>(), T0);
        var someResolved = FlushOf(Resolved(One, T0.AddSeconds(1)), Two, Three);
        var d = NotificationPlanner.Plan(someResolved, _ => false, 0, sendResolved: false, 0, logged, someResolved.FlushedAt);
        Assert.Equal(NotificationAction.Send, d.Action);
        Assert.Equal(["2", "3"], d.Alerts.Select(a => a.Labels.Get("i")));
        Assert.Equal([One.Fingerprint.Value], d.Entry!.ResolvedFingerprints);

        var allResolved = FlushOf(Resolved(One, T0.AddSeconds(1)), Resolved(Two, T0.AddSeconds(1)));
        var clear = NotificationPlanner.Plan(allResolved, _ => false, 0, sendResolved: false, 0, logged, allResolved.FlushedAt);
        Assert.Equal(NotificationAction.LogOnly, clear.Action);
        Assert.Empty(clear.Alerts);
        Assert.Empty(clear.Entry!.FiringFingerprints);
    }

    [Fact]
    public void WithSendResolved_AllResolved_IsSent()
    {
        var logged = new NotificationLogEntry("{}:{alertname=\"A\"}", "team", 0, new HashSet<ulong> { One.Fingerprint.Value }, new HashSet<ulong>(), T0);
        var flush = FlushOf(Resolved(One, T0.AddSeconds(1)));
        var d = NotificationPlanner.Plan(flush, _ => false, 0, true, 0, logged, flush.FlushedAt);
        Assert.Equal(NotificationAction.Send, d.Action);
        Assert.True(GroupFlush.IsResolved(Assert.Single(d.Alerts)));
    }

    [Fact]
    public void MaxAlerts_TruncatesInFlushOrder_AndCountsTheRest()
    {
        var flush = FlushOf(Three, One, Two);
        var d = NotificationPlanner.Plan(flush, _ => false, 1, true, maxAlerts: 2, null, flush.FlushedAt);
        Assert.Equal(["1", "2"], d.Alerts.Select(a => a.Labels.Get("i")));
        Assert.Equal(1, d.TruncatedAlerts);
        Assert.Equal(3, d.Entry!.FiringFingerprints.Count);
        Assert.Equal(1, d.Entry.IntegrationIndex);
    }
}
