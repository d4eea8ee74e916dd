using System.Buffers;
using System.Text.Json;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// Runs the pure code of a plan run — reading a plan, cutting it into batches, starting, noting and settling every step
/// on every host, the stored JSON of the run and of its hosts both ways, the API's and the audit log's view of it — over
/// a made-up run of <see cref="Hosts"/> hosts, in the background after start-up. Without it the first run after a start
/// paid for the runtime's first compilation of all of that inside its first batch: at 500 hosts the run's creation and
/// its first step took ~100 ms more than in a second run on the same server (docs/benchmarks.md, "Session 51"). Nothing
/// is stored, sent or changed: the run lives only here and its JSON goes to a buffer that is dropped.
/// </summary>
internal static class PlanRunWarmUp
{
    private const int Hosts = 8;

    /// <summary>Four rounds over a second (<see cref="Hosting.WarmUpRounds"/>).</summary>
    private const int Rounds = 4;

    /// <summary>
    /// Every kind of step a rolling reboot takes, as the plans in docs/plans.md are written. Its pool is never resolved:
    /// the run is made over <see cref="Hosts"/> made-up hosts directly.
    /// </summary>
    private const string Plan = """
        name: vigil-warm-up
        hosts: {pool: warm-up}
        serial: [1, 2, "25%"]
        max_fail: 1
        window: {watcher: warm-up, backup: warm-up, announcement: warm-up}
        steps:
          - gate: pool_min_healthy
          - gate: no_firing
            matchers: ['severity="critical"']
          - haproxy: drain
          - wait: drained
            timeout: 30s
          - haproxy: maint
          - agent: reboot
            timeout: 60s
          - wait: host_back
            timeout: 60s
          - verify: post_boot
            timeout: 60s
          - haproxy: ready
          - wait: haproxy_up
            timeout: 60s
        """;

    /// <summary>
    /// Whether a server with <paramref name="config"/> warms the plan and action paths: only where a pool or a plan is
    /// configured. Elsewhere the rounds would be CPU in the seconds after start-up for nothing — beside the alert path's
    /// first requests (with them, the compare's first pages at idle went from p99 6.8–8.3 to 9.2–14.1 ms, 4 runs each).
    /// </summary>
    public static bool Wanted(Config.VigilConfig config) => config.Pools.Count > 0 || config.Plans.Definitions.Count > 0;

    public static Task RunAsync(TimeProvider clock, CancellationToken ct) => Hosting.WarmUpRounds.RunAsync(Rounds, () => RunOnce(clock), ct);

    /// <summary>One round: a made-up run taken from its creation to its end, every host passing every step.</summary>
    public static PlanRun RunOnce(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var plan = PlanReader.Read(Plan, "warm-up");
        var hosts = Enumerable.Range(1, Hosts).Select(i => $"warm-up-{i:D2}").ToList();
        var run = RunRules.Create("run-warm-up", plan, hosts, "warm-up", now).Next with { Version = 1 };
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        Write(buffer, run);
        while (RunRules.Next(run) is { } work)
        {
            foreach (var host in work.Hosts)
            {
                run = RunRules.Start(run, host, work.Step, now).Next;
                run = RunRules.Note(run, host, work.Step, plan.Steps[work.Step].Kind == PlanStepKind.Agent ? "act-warm-up" : null, "boot-before", now);
            }
            foreach (var host in work.Hosts)
            {
                run = RunRules.Apply(run, host, work.Step, Observation.Pass("warm-up"), now).Next;
            }
            _ = PlanWindowRules.Expected(run);
            run = RunRules.Settle(run, now)?.Next ?? run;
            // What a step's write and a reader of the run do, once per step of the first batch (every step is written
            // alike; writing the whole run after every step of every batch made a round ~60 ms even once compiled).
            if (work.Batch == 0)
            {
                Write(buffer, run);
            }
        }
        Write(buffer, run);
        return run;
    }

    /// <summary>What a step's write and a reader of the run do with it: its stored JSON both ways, its view and its audit text.</summary>
    private static void Write(ArrayBufferWriter<byte> buffer, PlanRun run)
    {
        _ = PlanRunCodec.WriteWithoutHosts(run);
        _ = PlanRunCodec.Read(PlanRunCodec.Write(run));
        foreach (var host in run.Hosts)
        {
            _ = PlanRunCodec.ReadHost(PlanRunCodec.WriteHost(host));
        }
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, PlanRunJson.View(run), Audit.AuditViewJson.Options);
        }
        _ = PlanRunJson.Text(run);
    }
}
