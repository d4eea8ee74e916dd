using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Alerts;
using Vigil.Server.Probes;

namespace Vigil.Server.Tests.Probes;

/// <summary>The probe loop on a fake clock: runs at grid points whatever they take, one hung target delays nobody else, alerts on fall/rise.</summary>
public sealed class ProbeRunnerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Runs_StayOnTheGrid_AndTheAlertFollowsFallAndRise()
    {
        var clock = new FakeTimeProvider(T0);
        var def = new ProbeDefinition { Name = "shop", Interval = TimeSpan.FromSeconds(10), Timeout = TimeSpan.FromSeconds(5), Fall = 2, Rise = 2, Http = Spec };
        // Each run "takes" 3 s of clock time; runs 2 and 3 fail.
        var prober = new ScriptedProber(clock, TimeSpan.FromSeconds(3), i => i is not (2 or 3));
        var raised = new ConcurrentQueue<Alert>();
        await using var runner = new ProbeRunner(new ProbeStatus { Definition = def }, prober, Context(clock, raised));
        runner.Start();

        var phase = ProbeSchedule.Phase("shop", def.Interval);
        var due = ProbeSchedule.NextDue(T0, def.Interval, phase);
        var expected = new List<DateTimeOffset>();
        for (var i = 0; i < 6; i++)
        {
            // Moved only once the runner waits for this run: moved while it is still finishing the previous one, the
            // clock would tell it that run is already late, and it would rightly go on to the next grid point.
            await Until(clock, () => runner.Status.NextRunAt == due, () => $"run {i} never awaited at {due:O}; next {runner.Status.NextRunAt:O}");
            clock.SetUtcNow(due);
            expected.Add(due);
            await Until(clock, () => runner.Status.LastRunAt is { } at && at >= due, () => $"run {i} due at {due:O}; now {clock.GetUtcNow():O}, last run {runner.Status.LastRunAt:O}, {prober.Runs.Count} run(s)");
            due += def.Interval;
        }

        Assert.Equal(expected, prober.Runs);
        var alerts = raised.ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(("ProbeFailed", "shop", true), (alerts[0].Labels.Get("alertname"), alerts[0].Labels.Get("probe"), alerts[0].IsFiringAt(expected[3] + TimeSpan.FromSeconds(3))));
        Assert.Equal("boom 3", alerts[0].Annotations.Get("reason"));
        Assert.Equal(expected[5] + TimeSpan.FromSeconds(3), alerts[1].EndsAt); // resolved when run 5 (the second success) finished
        Assert.Equal(alerts[0].StartsAt, alerts[1].StartsAt);
        Assert.True(runner.Status.Health.Up);
    }

    [Fact]
    public async Task AHungTarget_DelaysOnlyItsOwnProbe()
    {
        var clock = new FakeTimeProvider(T0);
        var raised = new ConcurrentQueue<Alert>();
        var ctx = Context(clock, raised);
        var slowDef = new ProbeDefinition { Name = "slow", Interval = TimeSpan.FromSeconds(30), Timeout = TimeSpan.FromSeconds(20), Fall = 1, Http = Spec };
        var fastDef = new ProbeDefinition { Name = "fast", Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(1), Http = Spec };
        var hung = new HungProber(clock);
        var fast = new ScriptedProber(clock, TimeSpan.Zero, _ => true);
        await using var slowRunner = new ProbeRunner(new ProbeStatus { Definition = slowDef }, hung, ctx);
        await using var fastRunner = new ProbeRunner(new ProbeStatus { Definition = fastDef }, fast, ctx);
        slowRunner.Start();
        fastRunner.Start();

        clock.SetUtcNow(ProbeSchedule.NextDue(T0, slowDef.Interval, ProbeSchedule.Phase("slow", slowDef.Interval)));
        await Until(clock, () => hung.Started);
        var before = fast.Runs.Count;
        var moved = TimeSpan.Zero;
        for (var i = 0; i < 200 && fast.Runs.Count < before + 5; i++)
        {
            // A second at a time, as long as it takes the fast probe to run five more times (well inside the slow one's timeout).
            clock.Advance(TimeSpan.FromSeconds(1));
            moved += TimeSpan.FromSeconds(1);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        Assert.True(fast.Runs.Count >= before + 5 && moved < slowDef.Timeout, $"{fast.Runs.Count - before} fast runs in {moved}");
        Assert.Null(slowRunner.Status.LastRunAt); // still hung, and the fast probe ran meanwhile

        clock.Advance(slowDef.Timeout - moved); // the slow probe's timeout
        await Until(clock, () => slowRunner.Status.LastResult is not null);
        Assert.Equal("timed out", slowRunner.Status.LastResult!.Value.Reason);
    }

    [Fact]
    public async Task AProbeWhoseLoopFails_IsShownWithTheError_RetriedAfterABackoff_AndTheOthersKeepRunning()
    {
        var clock = new FakeTimeProvider(T0);
        var ctx = Context(clock, new ConcurrentQueue<Alert>());
        // A timeout no timer can arm (an older version let any timeout up to the interval through): every run throws
        // before the probe is called.
        var badDef = new ProbeDefinition { Name = "bad", Interval = TimeSpan.FromDays(100), Timeout = TimeSpan.FromDays(60), Http = Spec };
        var goodDef = new ProbeDefinition { Name = "good", Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(1), Http = Spec };
        var badProber = new ScriptedProber(clock, TimeSpan.Zero, _ => true);
        var goodProber = new ScriptedProber(clock, TimeSpan.Zero, _ => true);
        await using var bad = new ProbeRunner(new ProbeStatus { Definition = badDef }, badProber, ctx);
        await using var good = new ProbeRunner(new ProbeStatus { Definition = goodDef }, goodProber, ctx);
        bad.Start();
        good.Start();

        clock.SetUtcNow(ProbeSchedule.NextDue(T0, badDef.Interval, ProbeSchedule.Phase("bad", badDef.Interval)));
        await Until(clock, () => bad.Status.Error is not null);
        Assert.Equal("error", ProbeJson.View(bad.Status)["state"]!.ToString());
        Assert.Equal(bad.Status.Error, ctx.Health.ErrorOf("bad"));
        Assert.Empty(badProber.Runs);

        var before = goodProber.Runs.Count;
        for (var i = 0; i < 100 && goodProber.Runs.Count < before + 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        Assert.True(goodProber.Runs.Count >= before + 5, $"{goodProber.Runs.Count - before} runs of the good probe");
        Assert.Null(good.Status.Error);
        Assert.NotNull(bad.Status.Error); // retried after its backoff, and failing again
    }

    private static readonly HttpProbeSpec Spec = new() { Url = new Uri("http://127.0.0.1:1/") };

    private static ProbeRunContext Context(FakeTimeProvider clock, ConcurrentQueue<Alert> raised) => new(
        clock, new SemaphoreSlim(ProbeScheduler.MaxConcurrency), new ProbeMetrics(),
        (alerts, _) =>
        {
            foreach (var a in alerts)
            {
                raised.Enqueue(a);
            }
            return Task.CompletedTask;
        },
        () => TimeSpan.FromMinutes(5), NullLogger.Instance, _ => true, def => new ProbeStatus { Definition = def });

    // FakeTimeProvider can lose a wake-up when a timer is armed on one thread while the test moves the clock on another
    // (its timers are woken by whichever thread gets there first); advancing by zero wakes what is due again, without
    // moving time.
    private static async Task Until(FakeTimeProvider clock, Func<bool> condition, Func<string>? state = null)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
            clock.Advance(TimeSpan.Zero);
        }
        Assert.True(condition(), "the runner did not get there " + state?.Invoke());
    }

    private sealed class ScriptedProber(FakeTimeProvider clock, TimeSpan takes, Func<int, bool> passes) : IProber
    {
        private int _n;

        public ConcurrentQueue<DateTimeOffset> Runs { get; } = new();

        public Task<ProbeResult> RunAsync(CancellationToken ct)
        {
            Runs.Enqueue(clock.GetUtcNow());
            var n = _n++;
            clock.Advance(takes);
            return Task.FromResult(passes(n) ? ProbeResult.Pass(takes) : ProbeResult.Fail(takes, $"boom {n}"));
        }

        public void Dispose()
        {
        }
    }

    private sealed class HungProber(FakeTimeProvider clock) : IProber
    {
        public bool Started { get; private set; }

        public DateTimeOffset StartedAt { get; set; }

        public async Task<ProbeResult> RunAsync(CancellationToken ct)
        {
            StartedAt = clock.GetUtcNow();
            Started = true;
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ProbeResult.Fail(TimeSpan.Zero, "timed out");
            }
            return ProbeResult.Pass(TimeSpan.Zero);
        }

        public void Dispose()
        {
        }
    }
}
