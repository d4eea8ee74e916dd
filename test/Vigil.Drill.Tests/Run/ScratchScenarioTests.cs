using Vigil.Drill.Run;
using Vigil.Drill.Scenarios;

namespace Vigil.Drill.Tests.Run;

/// <summary>
/// A scenario written from scratch, not the seed's: docs/examples/drill-cert-expiry.yaml (lb-b's certificate expires
/// while lb-b stays in rotation). Each measured number is worked out here from the scenario's own times and the
/// customer model — the share of requests failing through the pools' members in rotation — not copied from a report.
/// </summary>
public sealed class ScratchScenarioTests
{
    private static readonly Lazy<Scenario> Scenario = new(() => DrillRunner.Load(ExamplePath()));

    private static DrillResult Run(string mode, int? seed = null) => DrillRunner.Run(Scenario.Value, mode, seed);

    /// <summary>A wall-clock time of the night in the scenario's zone (all of them on the start's date).</summary>
    private static DateTimeOffset At(string clock)
    {
        var s = Scenario.Value;
        var date = NodaTime.Instant.FromDateTimeOffset(s.Start).InZone(s.Zone).Date;
        var time = NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(clock).Value;
        return date.At(time).InZoneStrictly(s.Zone).ToDateTimeOffset().ToUniversalTime();
    }

    private static double Minutes(string from, string to) => (At(to) - At(from)).TotalMinutes;

    // The scenario's moments: the certificate expires; dana silences; erin is asked to approve and, 5 minutes later,
    // runs the plan; the announced deploy (each web server out for 5 minutes) inside its window; erin's morning restart.
    private const string Expiry = "02:00";
    private const string Silence = "02:20";
    private const string PlanRun = "02:25";
    private const string Crash = "02:22";
    private const string DeployStart = "05:00";
    private const string DeployEnd = "05:15";
    private const string WindowEnd = "05:30";
    private const string Restart = "07:00";
    private const string Restarted = "07:05";

    // Shares of requests failing: through edge (lb-a, lb-b) then web (web-1..3), 1 - edge serving × web serving.
    private const double HalfTheBalancers = 1 - 1 / 2.0;            // lb-b in rotation with a dead certificate
    private const double HalfAndADeploy = 1 - 1 / 2.0 * (2 / 3.0);   // and one web server of three restarting
    private const double ADeploy = 1 - 2 / 3.0;                     // lb-b out of rotation, one web server restarting
    private const double Everything = 1;                             // no balancer serving

    [Fact]
    public void ScenarioFromScratch_IsReadWithItsFourModesAndThePlanItRuns()
    {
        var s = Scenario.Value;
        Assert.Equal(["as-it-happened", "lb-a-crash", "lb-a-crash-no-gates", "with-vigil"], s.Modes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(PolicyToggles.AllOff, s.WithMode("as-it-happened").Policy);
        Assert.Equal(PolicyToggles.AllOn, s.WithMode("with-vigil").Policy);
        Assert.Equal(PolicyToggles.AllOn with { PlanGates = false }, s.WithMode("lb-a-crash-no-gates").Policy);
        Assert.Equal(At(Expiry), s.Faults[0].At);
        Assert.Contains(s.Vigil.Plans.Definitions, p => p.Name == "rotate-cert-lb-b");
    }

    [Fact]
    public void AsItHappened_TheSilenceMutesCustomersUntilTheMorning_AndTheDeployIsCountedAsAnnounced()
    {
        var r = Run("as-it-happened");

        // Half the requests fail from the expiry to the end of erin's restart; the deploy's window (5:00-5:30) is announced.
        var lost = HalfTheBalancers * (Minutes(Expiry, DeployStart) + Minutes(WindowEnd, Restarted));
        var announced = HalfAndADeploy * Minutes(DeployStart, DeployEnd) + HalfTheBalancers * Minutes(DeployEnd, WindowEnd);
        Assert.Equal(lost, r.CustomerMinutesLost, 2);
        Assert.Equal(announced, r.CustomerMinutesAnnounced, 2);
        Assert.Equal(Math.Round(HalfAndADeploy, 4), r.PeakImpact);
        Assert.Equal(At(Expiry), r.CustomerImpactAt);
        Assert.Equal(At(Restarted), r.MitigatedAt);

        // dana is paged for the two probes and lb-b's check, acknowledges within uniform(2m, 6m) (no escalation past
        // the 10m ack timeout), then the silence, taken as written, keeps everything else quiet; frank once, as commander.
        Assert.Equal([("dana", "webhook", 3), ("frank", "webhook", 1)], r.Pages);
        Assert.Empty(r.Guardrails);
        var broken = Assert.Single(r.Invariants, i => !i.Holds);
        Assert.Equal("no customer-impact alert muted without an approved silence", broken.Name);
        Assert.DoesNotContain(r.Timeline, e => e.Kind == "plan");
        Assert.Equal(1, r.ExitCode);
    }

    [Fact]
    public void WithVigil_TheSilenceWaitsForApproval_AndTheSecondPersonDrainsLbBInstead()
    {
        var r = Run("with-vigil");

        // Half fail until erin's plan takes lb-b out; the deploy costs a third of requests for 15 announced minutes;
        // erin's morning restart of tls, on lb-b back in rotation, fails half again for its 5 minutes.
        Assert.Equal(HalfTheBalancers * (Minutes(Expiry, PlanRun) + Minutes(Restart, Restarted)), r.CustomerMinutesLost, 2);
        Assert.Equal(ADeploy * Minutes(DeployStart, DeployEnd), r.CustomerMinutesAnnounced, 2);
        Assert.Equal(HalfTheBalancers, r.PeakImpact);
        Assert.Contains(r.Guardrails, g => g.At == At(Silence) && g.Text.Contains("until a second person approves it", StringComparison.Ordinal));
        Assert.Contains(r.Timeline, e => e.At == At(PlanRun) && e.Kind == "act" && e.Text == "erin runs plan rotate-cert-lb-b");
        Assert.Contains(r.Timeline, e => e.Kind == "plan" && e.Text.EndsWith("succeeded: every host ran every step", StringComparison.Ordinal));

        // The certificate, the deploy and the morning restart each fail customers for over a minute: three incidents,
        // three commander pages; dana gets the two probes each time and lb-b's check once (the silence mutes it later).
        Assert.Equal(3, r.Incidents.Count);
        Assert.Equal([("dana", "webhook", 3 + 2 + 2), ("frank", "webhook", 3)], r.Pages);
        Assert.All(r.Invariants, i => Assert.True(i.Holds, i.First));
        Assert.All(r.Expectations, e => Assert.True(e.Met, e.Expect.Describe()));
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void LbACrash_TheGateRefusesToDrainTheLastBalancer_AndCustomersWaitForTheMorning()
    {
        var r = Run("lb-a-crash");

        // Half until lb-a crashes (a refused connection is redispatched, so lb-a counts for nothing at once), then every
        // request fails until the certificate is renewed; the announced window covers 30 of those minutes.
        var all = Minutes(Crash, Restarted);
        Assert.Equal(HalfTheBalancers * Minutes(Expiry, Crash) + Everything * (all - Minutes(DeployStart, WindowEnd)), r.CustomerMinutesLost, 2);
        Assert.Equal(Everything * Minutes(DeployStart, WindowEnd), r.CustomerMinutesAnnounced, 2);
        Assert.Equal(1, r.PeakImpact);
        var gate = Assert.Single(r.Guardrails, g => g.Text.Contains("pool_min_healthy", StringComparison.Ordinal));
        Assert.Equal(At(PlanRun), gate.At);
        Assert.Contains("would keep 0 healthy without lb-b", gate.Text, StringComparison.Ordinal);

        // The halted plan pages through plans.escalation_policy (ops: dana), besides lb-a's HostDown and RebootNonRoutine.
        Assert.Contains(r.Timeline, e => e.Kind == "page" && e.Text.StartsWith("page #", StringComparison.Ordinal) && e.Text.Contains("Plan rotate-cert-lb-b halted on lb-b", StringComparison.Ordinal));
        Assert.Equal([("dana", "webhook", 3 + 2 + 1), ("frank", "webhook", 1)], r.Pages);
        Assert.Null(r.ResolvedAt);
    }

    [Fact]
    public void LbACrash_WithPlanGatesOff_ThePlanReloadsTheCertificateAtOnce()
    {
        var gated = Run("lb-a-crash");
        var r = Run("lb-a-crash-no-gates");

        // Everything fails from the crash until the plan puts lb-b back (after its 1m wait), and again during erin's
        // morning restart of the only balancer; the deploy costs a third while lb-b serves alone.
        var planDone = At(PlanRun) + TimeSpan.FromMinutes(1);
        var lost = HalfTheBalancers * Minutes(Expiry, Crash) + Everything * (planDone - At(Crash)).TotalMinutes
            + Everything * Minutes(Restart, Restarted);
        Assert.Equal(lost, r.CustomerMinutesLost, 2);
        Assert.Equal(ADeploy * Minutes(DeployStart, DeployEnd), r.CustomerMinutesAnnounced, 2);
        Assert.DoesNotContain(r.Guardrails, g => g.Text.Contains("pool_min_healthy", StringComparison.Ordinal));
        Assert.Contains(r.Timeline, e => e.Kind == "plan" && e.Text.Contains("gate pool_min_healthy not checked (plan gates off)", StringComparison.Ordinal));
        Assert.True(r.CustomerMinutesLost < gated.CustomerMinutesLost);
    }

    [Fact]
    public void TheModesOrderAsTheirToggles_AndTheCountsDoNotDependOnTheSeed()
    {
        var off = Run("as-it-happened");
        var on = Run("with-vigil");
        Assert.True(on.CustomerMinutesLost < off.CustomerMinutesLost);
        foreach (var seed in new[] { 2, 17, 4242 })
        {
            var again = Run("with-vigil", seed);
            Assert.Equal(on.CustomerMinutesLost, again.CustomerMinutesLost);
            Assert.Equal(on.Pages, again.Pages);
        }
    }

    [Fact]
    public void SameFileAndSeed_GiveTheSameReport()
    {
        var a = DrillRunner.Render(Run("with-vigil", 5), "md");
        var b = DrillRunner.Render(DrillRunner.Run(DrillRunner.Load(ExamplePath()), "with-vigil", 5), "md");
        Assert.Equal(a, b);
    }

    private static string ExamplePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "examples", "drill-cert-expiry.yaml");
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new FileNotFoundException("docs/examples/drill-cert-expiry.yaml not found above " + AppContext.BaseDirectory);
    }
}
