using Vigil.Drill.Run;

namespace Vigil.Drill.Tests.Run;

/// <summary>
/// The built-in seed's night (builtin:seed-2020-05-10) in its three modes, run through the drill engine as
/// <c>vigil drill run</c> runs it: the outage reproduced with the guardrails off, prevented with them on, and contained
/// when both balancers fail anyway.
/// </summary>
public sealed class SeedNightDrillTests
{
    private static DrillResult Run(string mode, int? seed = null, string? breakOnPurpose = null) =>
        DrillRunner.Run(DrillRunner.Load("builtin:seed-2020-05-10"), mode, seed, breakOnPurpose);

    [Fact]
    public void AsItHappened_CustomersLoseAboutSixHours_AndTheRoutineSilenceMutesTheirAlertsWithoutApproval()
    {
        var r = Run("as-it-happened");

        // 2:30 AM (the announced window's end) to 7:50 AM at 100 %, then the staged unicorn restarts: 2/3 and 1/3 for 20 minutes each.
        Assert.Equal(320 + 20 * 2 / 3.0 + 20 / 3.0, r.CustomerMinutesLost, 1);
        Assert.Equal(1, r.PeakImpact);
        Assert.Contains(r.Timeline, e => e.Kind == "silence" && e.Text.Contains("{alertname=~\".+\"}", StringComparison.Ordinal) && e.Text.Contains("taken as written", StringComparison.Ordinal));
        var muted = Assert.Single(r.Invariants, i => !i.Holds);
        Assert.Equal("no customer-impact alert muted without an approved silence", muted.Name);
        Assert.Contains("ProbeFailed", muted.First, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Guardrails, g => g.Text.Contains("refused", StringComparison.Ordinal));
        Assert.Equal(1, r.ExitCode);
    }

    [Fact]
    public void WithVigil_ThePlanRefusesToTakeLb1OutWhileLb2IsDown_PagesTheWatcher_AndNoCustomerIsLost()
    {
        var r = Run("with-vigil");

        Assert.Equal(0, r.CustomerMinutesLost);
        Assert.Equal(0, r.PeakImpact);
        Assert.Contains(r.Guardrails, g => g.Text.Contains("plan patch-lb-1 stopped lb-1 at gate: pool_min_healthy: pool edge would keep 0 healthy without lb-1", StringComparison.Ordinal));
        Assert.Contains(r.Timeline, e => e.Kind == "paged" && e.Text.Contains("Plan patch-lb-1 halted on lb-1", StringComparison.Ordinal) && e.Text.EndsWith("reaches alice by webhook", StringComparison.Ordinal));
        Assert.DoesNotContain(r.Timeline, e => e.Text.Contains("lb-1 set to maint", StringComparison.Ordinal) || e.Text.Contains("agent of lb-1 is running reboot", StringComparison.Ordinal));
        Assert.Contains(r.Guardrails, g => g.Text.StartsWith("silence by sam refused", StringComparison.Ordinal));
        Assert.All(r.Invariants, i => Assert.True(i.Holds, i.First));
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void BothFail_TheCustomerProbePagesWithinAMinute_TheBlanketSilenceIsRefused_TheVendorsDeadlineIsTracked_AndThePostmortemIsWritten()
    {
        var r = Run("both-fail");

        Assert.NotNull(r.CustomerImpactAt);
        Assert.True(r.FirstCustomerPageAt - r.CustomerImpactAt <= TimeSpan.FromMinutes(1), $"customer page {r.FirstCustomerPageAt} after impact {r.CustomerImpactAt}");
        Assert.Contains(r.Guardrails, g => g.Text.Contains("match every alert", StringComparison.Ordinal));
        Assert.Contains(r.Guardrails, g => g.Text.Contains("mutes no customer-impact alert until a second person approves it", StringComparison.Ordinal));
        Assert.Contains(r.Guardrails, g => g.Text.StartsWith("dbhost missed its response deadline", StringComparison.Ordinal));
        var (incident, postmortem) = Assert.Single(r.Incidents);
        Assert.Equal("Customers cannot reach the site", incident.Incident.Title);
        Assert.Contains("Customers cannot reach the site", postmortem, StringComparison.Ordinal);
        Assert.Contains("America/Los_Angeles", postmortem, StringComparison.Ordinal);
        Assert.All(r.Invariants, i => Assert.True(i.Holds, i.First));
        Assert.True(r.CustomerMinutesLost > 0 && r.CustomerMinutesLost < 120, $"{r.CustomerMinutesLost} customer-minutes lost");
    }

    [Theory]
    [InlineData("md")]
    [InlineData("json")]
    public void TheSameScenarioAndSeed_GiveTheSameReport_ByteForByte(string format)
    {
        var first = DrillRunner.Render(Run("both-fail"), format);
        var second = DrillRunner.Render(Run("both-fail"), format);

        Assert.Equal(first, second);
    }

    [Fact]
    public void AnotherSeed_ChangesTheResponders_ButNotTheFleetsPhysics()
    {
        var a = Run("as-it-happened", seed: 1);
        var b = Run("as-it-happened", seed: 2);

        Assert.NotEqual(a.AcknowledgedAt, b.AcknowledgedAt);
        Assert.Equal(a.CustomerMinutesLost, b.CustomerMinutesLost);
    }

    [Fact]
    public void AnInvariantBrokenOnPurpose_IsReported_AndTheExitCodeIsOne()
    {
        var r = Run("with-vigil", breakOnPurpose: "notify-twice");

        var broken = Assert.Single(r.Invariants, i => !i.Holds);
        Assert.Equal("no notification sent twice for one step", broken.Name);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("**BROKEN**", DrillRunner.Render(r, "md"), StringComparison.Ordinal);
    }
}
