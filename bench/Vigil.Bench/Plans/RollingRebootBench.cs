using System.Globalization;

namespace Vigil.Bench.Plans;

/// <summary>
/// Target 1 of issue 9: a rolling reboot of 3 members behind the real HAProxy under a constant client. Counts the
/// client's failed requests and, per host, the "gate and drain overhead": the host's share of the plan time (from the
/// previous host's last step, or the run's creation, to its own last step) minus its reboot (<c>agent: reboot</c>,
/// <c>wait: host_back</c>) and HAProxy's own waits (<c>wait: drained</c>, <c>wait: haproxy_up</c>: checks rising).
/// </summary>
internal static class RollingRebootBench
{
    private static readonly string[] NotOverhead = ["agent: reboot", "wait: host_back", "wait: drained", "wait: haproxy_up"];

    public static async Task<List<string>> RunAsync(string vigil, int rate, TimeSpan downtime, int runs, TextWriter console)
    {
        var lines = new List<string>();
        var overheads = new List<double>();
        var failed = 0;
        var sent = 0;
        for (var r = 1; r <= runs; r++)
        {
            await using var rig = await RebootRig.StartAsync(vigil, members: 3, minHealthy: 2, downtime).ConfigureAwait(false);
            List<StepTime> steps;
            DateTimeOffset created, ended;
            ConstantClient client;
            await using (client = new ConstantClient(rig.Haproxy.FrontendUrl, rate))
            {
                await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System).ConfigureAwait(false);
                var id = (await rig.Server.PostPlanAsync(RebootRig.RollingRebootYaml("bench-rolling")).ConfigureAwait(false))["id"]!.ToString();
                var run = await rig.Server.WaitForRunAsync(id, TimeSpan.FromMinutes(5), "succeeded", "halted", "paused", "aborted").ConfigureAwait(false);
                if (run["state"]!.ToString() != "succeeded")
                {
                    throw new InvalidOperationException($"run {id} ended {run["state"]}: {run["halt"]?.ToJsonString()} {run["pauseReason"]}");
                }
                steps = StepTime.Of(run);
                created = DateTimeOffset.Parse(run["createdAt"]!.ToString(), CultureInfo.InvariantCulture);
                ended = steps.Max(s => s.Ended);
                await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System).ConfigureAwait(false);
            }
            failed += client.Failures.Count;
            sent += client.Sent;
            console.WriteLine($"run {r}: {client.Sent} requests at {rate}/s, {client.Failures.Count} failed{string.Concat(client.Failures.Take(5).Select(f => "\n  " + f))}");
            console.WriteLine($"run {r}: plan {(ended - created).TotalSeconds:F2} s from creation to the last step");
            var previous = created;
            foreach (var host in steps.Select(s => s.Host).Distinct())
            {
                var mine = steps.Where(s => s.Host == host).OrderBy(s => s.Step).ToList();
                var end = mine.Max(s => s.Ended);
                var span = (end - previous).TotalMilliseconds;
                var excluded = mine.Where(s => NotOverhead.Contains(s.Name)).Sum(s => s.Ms);
                overheads.Add(span - excluded);
                console.WriteLine($"  {host}: {span / 1000:F2} s, of which reboot and waits {excluded / 1000:F2} s, overhead {(span - excluded):F0} ms — " +
                    string.Join(", ", mine.Select(s => $"{s.Name} {s.Ms:F0}")));
                var gaps = (mine[0].Started - previous).TotalMilliseconds + mine.Zip(mine.Skip(1), (a, b) => (b.Started - a.Ended).TotalMilliseconds).Sum();
                console.WriteLine($"    engine gaps between steps {gaps:F0} ms; gate {Ms(mine, "gate: pool_min_healthy")}, drain {Ms(mine, "haproxy: drain")}, " +
                    $"maint {Ms(mine, "haproxy: maint")}, post_boot {Ms(mine, "verify: post_boot")}, ready {Ms(mine, "haproxy: ready")}");
                previous = end;
            }
        }
        var o = overheads.Order().ToArray();
        lines.Add($"rolling reboot (3 members, {runs} run(s), client {rate}/s): {failed} of {sent} client requests failed (target 0)");
        lines.Add($"gate and drain overhead per host: median {Percentiles.At(o, 50):F0} ms, max {o[^1]:F0} ms over {o.Length} hosts (target ≤ 1000 ms)");
        return lines;
    }

    private static string Ms(List<StepTime> steps, string name) =>
        steps.FirstOrDefault(s => s.Name == name) is { } s ? $"{s.Ms:F0} ms" : "-";
}
