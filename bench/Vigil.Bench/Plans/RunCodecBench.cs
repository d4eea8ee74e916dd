using System.Diagnostics;
using Vigil.Server.Plans;
using Vigil.Server.Plans.Runs;

namespace Vigil.Bench.Plans;

/// <summary>
/// In process, no server: what one change of a stored run costs as the run grows. The engine stores a run whole
/// (<c>plan_runs.body</c>) and every change — a step starting or ending on one host — reads, decodes, changes, encodes
/// and writes it, one change at a time per run. This replays the rolling reboot over N hosts with <c>serial</c> through
/// the pure rules and times the decode + encode of each change (the database write comes on top).
/// </summary>
internal static class RunCodecBench
{
    public static List<string> Run(int hosts, int serial, TextWriter console)
    {
        var yaml = RebootRig.RollingRebootYaml("bench-codec").Replace("hosts: {pool: web}\nserial: 1", $"hosts: {{pool: web}}\nserial: {serial}", StringComparison.Ordinal);
        var plan = PlanReader.Read(yaml, "bench");
        var now = TimeProvider.System.GetUtcNow();
        var run = RunRules.Create("run-bench", plan, [.. Enumerable.Range(0, hosts).Select(SimFleet.HostOf)], "bench", now).Next;
        var costs = new List<(int Bytes, double Ms)>();
        var body = PlanRunCodec.Write(run);
        PlanRun Change(Func<PlanRun, PlanRun> rule)
        {
            var started = Stopwatch.GetTimestamp();
            var read = PlanRunCodec.Read(body);
            var next = rule(read);
            body = PlanRunCodec.Write(next);
            costs.Add((body.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            return next;
        }
        while (RunRules.Next(run) is { } work)
        {
            foreach (var host in work.Hosts)
            {
                run = Change(r => RunRules.Start(r, host, work.Step, now).Next);
            }
            foreach (var host in work.Hosts)
            {
                run = Change(r => RunRules.Apply(r, host, work.Step, Observation.Pass($"web/{host} set to drain in every instance: /run/haproxy/admin.sock ok"), now).Next);
            }
            run = RunRules.Settle(run, now)?.Next ?? run;
        }
        var last = costs.Skip(costs.Count * 9 / 10).ToList();
        var total = costs.Sum(c => c.Ms);
        var perBatchStep = total / (run.BatchCount * plan.Steps.Count);
        console.WriteLine($"run codec: {costs.Count} changes, final body {body.Length / 1024} KiB; decode+encode per change: mean {total / costs.Count:F2} ms, " +
            $"last tenth mean {last.Average(c => c.Ms):F2} ms at ~{last.Average(c => c.Bytes) / 1024:F0} KiB; per batch-step {perBatchStep:F0} ms in one lock");
        return [$"run codec ({hosts} hosts, serial {serial}): {costs.Count} changes, final stored body {body.Length / 1024} KiB, decode+encode per change mean {total / costs.Count:F2} ms (last tenth {last.Average(c => c.Ms):F2} ms), {perBatchStep:F0} ms per batch-step serialised"];
    }
}
