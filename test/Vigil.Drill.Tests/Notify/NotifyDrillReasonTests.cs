using Vigil.Drill.Notify;

namespace Vigil.Drill.Tests.Notify;

public sealed class NotifyDrillReasonTests
{
    [Fact]
    public void FirstNotification_ComesGroupWaitAfterTheFirstAlert()
    {
        var result = Drills.Run("""
            alerts:
              - labels: {alertname: HighLatency, instance: a}
                firing: [{from: 1m}]
            end: 3m
            """);
        var n = Assert.Single(result.Notifications);
        Assert.Equal((Drills.At("1m30s"), "team", ReasonKind.GroupWait), (n.At, n.Receiver, n.Reason.Kind));
        Assert.Equal("first notification of the group: group_wait 30s after its first alert at +1m", n.Reason.Text);
        Assert.Equal("webhook", Assert.Single(n.Integrations).Kind);
    }

    [Fact]
    public void AlertJoiningTheGroup_IsSentGroupIntervalAfterThePreviousFlush()
    {
        var result = Drills.Run("""
            alerts:
              - labels: {alertname: HighLatency, instance: a}
                series: "1x20"
              - labels: {alertname: HighLatency, instance: b}
                series: "_x2 1x20"
            end: 6m
            """);
        Assert.Equal([Drills.At("30s"), Drills.At("5m30s")], result.Notifications.Select(n => n.At));
        var joined = result.Notifications[1];
        Assert.Equal(ReasonKind.GroupInterval, joined.Reason.Kind);
        Assert.Equal(2, joined.Firing.Count);
        Assert.StartsWith("group_interval 5m after the flush at +30s", joined.Reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvedAlert_IsSentAtTheNextGroupInterval_AndTheGroupCloses()
    {
        var result = Drills.Run("""
            alerts:
              - labels: {alertname: HighLatency, instance: a}
                firing: [{from: 0m, to: 2m}]
            """);
        Assert.Equal([ReasonKind.GroupWait, ReasonKind.Resolved], result.Notifications.Select(n => n.Reason.Kind));
        var resolved = result.Notifications[1];
        Assert.Equal((Drills.At("5m30s"), 0, 1), (resolved.At, resolved.Firing.Count, resolved.Resolved.Count));
    }

    [Fact]
    public void UnchangedGroup_IsRepeatedAfterRepeatInterval_AtTheFlushThatFollows()
    {
        var result = Drills.Run("""
            alerts:
              - labels: {alertname: HighLatency, instance: a}
                firing: [{from: 0m}]
            end: 1h10m
            """);
        Assert.Equal([Drills.At("30s"), Drills.At("1h5m30s")], result.Notifications.Select(n => n.At));
        Assert.Equal(ReasonKind.RepeatInterval, result.Notifications[1].Reason.Kind);
        Assert.Contains("repeat_interval 1h", result.Notifications[1].Reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SameFile_GivesTheSameBytes_TextAndJson()
    {
        const string rest = """
            alerts:
              - labels: {alertname: HighLatency, service: shop, instance: a}
                series: "1x10 0"
              - labels: {alertname: ServiceDown, service: shop, severity: critical}
                series: "_x3 1x4 0"
            """;
        var (first, second) = (Drills.Run(rest), Drills.Run(rest));
        Assert.Equal(TextReport.Render(first), TextReport.Render(second));
        Assert.Equal(JsonReport.Render(first), JsonReport.Render(second));
        Assert.NotEmpty(first.Notifications);
    }
}
