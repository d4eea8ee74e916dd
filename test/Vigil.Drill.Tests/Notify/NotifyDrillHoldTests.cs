using Vigil.Drill.Notify;

namespace Vigil.Drill.Tests.Notify;

public sealed class NotifyDrillHoldTests
{
    [Fact]
    public void Silence_HoldsTheAlertBack_UntilItEnds_NamingIdAndComment()
    {
        var result = Drills.Run("""
            alerts:
              - labels: {alertname: DiskFull, instance: db-1}
                firing: [{from: 0m}]
            silences:
              - id: s-disk
                matchers: ['alertname="DiskFull"']
                to: 10m
                createdBy: bob
                comment: resizing
            end: 16m
            """);
        var held = Assert.Single(result.HeldBack);
        Assert.Equal((HoldKind.Silenced, "silence s-disk by bob: resizing"), (held.Kind, held.Detail));
        Assert.Equal(Drills.At("10m30s"), Assert.Single(result.Notifications).At);
    }

    [Fact]
    public void CustomerImpactAlert_IsNotMutedByAnUnapprovedSilence_ButIsByAnApprovedOne()
    {
        const string alerts = """
            alerts:
              - labels: {alertname: CheckoutErrors, impact: customer}
                firing: [{from: 0m}]
            end: 2m
            silences:
              - matchers: ['alertname="CheckoutErrors"']
                to: 1h
                createdBy: bob
                comment: known
            """;
        var unapproved = Drills.Run(alerts);
        Assert.Single(unapproved.Notifications);
        Assert.Equal(HoldKind.ApprovalMissing, Assert.Single(unapproved.HeldBack).Kind);

        var approved = Drills.Run(alerts + "\n    approvedBy: carol\n");
        Assert.Empty(approved.Notifications);
        Assert.Equal(HoldKind.Silenced, Assert.Single(approved.HeldBack).Kind);
    }

    [Fact]
    public void InhibitedAlert_IsHeldBack_NamingTheSourceAlert()
    {
        var result = Drills.Run("""
            alerts:
              - labels: {alertname: ServiceDown, service: shop, severity: critical}
                firing: [{from: 0m}]
              - labels: {alertname: HighLatency, service: shop}
                firing: [{from: 0m}]
            end: 2m
            """);
        var held = Assert.Single(result.HeldBack);
        Assert.Equal((HoldKind.Inhibited, "by {alertname=\"ServiceDown\", service=\"shop\", severity=\"critical\"}"), (held.Kind, held.Detail));
        Assert.Equal("pager", Assert.Single(result.Notifications).Receiver);
    }

    [Fact]
    public void MaintenanceWindow_HoldsBackWhatItExpectsOnItsTarget_Only()
    {
        var result = Drills.Run("""
            alerts:
              - labels: {alertname: HostDown, host: lb-1}
                firing: [{from: 0m}]
              - labels: {alertname: HostDown, host: lb-2}
                firing: [{from: 0m}]
            windows:
              - id: reboot-lb-1
                targets: ['host="lb-1"']
                expected: ['alertname="HostDown"']
                end: 1h
                announcement: reboot
            end: 2m
            """);
        var held = Assert.Single(result.HeldBack);
        Assert.Equal((HoldKind.Window, "maintenance window reboot-lb-1 (reboot)"), (held.Kind, held.Detail));
        Assert.Equal("lb-2", Assert.Single(Assert.Single(result.Notifications).Firing).Labels.Get("host"));
    }

    [Fact]
    public void MuteTimeInterval_HoldsTheWholeGroupBack()
    {
        var weekend = NotifyDrillRunner.Run(NotifyDrillReader.Read(
            Drills.Config.Replace("start: 2025-01-06T09:00:00Z", "start: 2025-01-11T09:00:00Z", StringComparison.Ordinal) + """
            alerts:
              - labels: {alertname: ServiceDown, severity: critical}
                firing: [{from: 0m}]
            end: 2m
            """, "drill.yaml"));
        Assert.Empty(weekend.Notifications);
        var held = Assert.Single(weekend.HeldBack);
        Assert.Equal(HoldKind.TimeInterval, held.Kind);
        Assert.Contains("inside mute_time_intervals weekend", held.Detail, StringComparison.Ordinal);
    }
}
