using Vigil.Contracts.Agents;
using Vigil.Server.Hosts;

namespace Vigil.Server.Tests.Hosts;

public sealed class HostRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 10, 22, 30, 0, TimeSpan.Zero);

    private static AgentReport Report(string boot, bool dataMounted) =>
        new("db-1", boot, 5, 10, [new CheckResult("mount", new Dictionary<string, string> { ["mountpoint"] = "/data" }, dataMounted, "/data")]);

    [Fact]
    public void FirstReportEver_FailingCheck_RaisesHostCheckFailedOnly()
    {
        var outcome = HostRules.Apply(null, Report("a", false), T0);
        Assert.Equal([HostAlerts.CheckFailed], outcome.Alerts.Select(a => a.Labels.Get("alertname")));
        Assert.Null(outcome.Reboot);
    }

    [Fact]
    public void NewBootId_WithFailingCheck_OpensRebootAndRaisesPostBootCheckFailed()
    {
        var before = HostRules.Apply(null, Report("a", true), T0).Host;
        var outcome = HostRules.Apply(before, Report("b", false), T0.AddMinutes(3));
        Assert.True(outcome.RebootIsNew);
        Assert.Equal(TimeSpan.FromMinutes(3), outcome.Reboot!.Duration);
        Assert.Null(outcome.Reboot.VerifiedAt);
        var postBoot = Assert.Single(outcome.Alerts, a => a.Labels.Get("alertname") == HostAlerts.PostBootCheckFailed);
        Assert.Equal("/data", postBoot.Labels.Get("mountpoint"));
        Assert.Equal(HostAlerts.Open, postBoot.EndsAt);
    }

    [Fact]
    public void PendingReboot_CheckPassesLater_IsVerifiedAndResolvesBothAlerts()
    {
        var before = HostRules.Apply(null, Report("a", true), T0).Host;
        var failed = HostRules.Apply(before, Report("b", false), T0.AddMinutes(3)).Host;
        var outcome = HostRules.Apply(failed, Report("b", true), T0.AddMinutes(4));
        Assert.Equal(T0.AddMinutes(4), outcome.Reboot!.VerifiedAt);
        Assert.Null(outcome.Host.PendingReboot);
        Assert.All(outcome.Alerts, a => Assert.Equal(T0.AddMinutes(4), a.EndsAt));
        Assert.Equal(2, outcome.Alerts.Count);
    }

    [Fact]
    public void SteadyFailingCheck_IsNotRaisedAgain() =>
        Assert.Empty(HostRules.Apply(HostRules.Apply(null, Report("a", false), T0).Host, Report("a", false), T0.AddSeconds(10)).Alerts);

    [Theory]
    [InlineData(new int[0], 600)]          // no history: min_reboot_allowance
    [InlineData(new[] { 60 }, 90)]         // 1.5 × 60 s
    [InlineData(new[] { 10 }, 30)]         // never below down_after (3 × 10 s)
    [InlineData(new[] { 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 400 }, 90)] // p95 of 20 is the 19th
    public void Allowance_IsFactorTimesPercentile(int[] durations, int expectedSeconds)
    {
        var allowance = RebootRules.Allowance([.. durations.Select(d => TimeSpan.FromSeconds(d))], new HostsOptions(), TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), allowance);
    }
}
