using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Bench.Plans;

/// <summary>
/// Target 4 of issue 9: the rolling reboot over a pool of N simulated hosts with <c>serial: S</c>, while a client reads
/// <c>GET /api/v2/alerts</c> every 100 ms (the server holding <c>alerts</c> firing alerts). A step's engine overhead is
/// the time the engine adds to it: its gap (from the batch's previous step ending on its last host to this step's
/// start) plus its duration — all of it, since the simulated agents answer at once and the pool's servers have no
/// checks — except for <c>wait: host_back</c>, where only the time after the host's new-boot report left the simulated
/// agent counts (the server's own record, <c>firstReportAfter</c>, is stamped once the server takes the report up, after
/// any queue in front of it; it is used only where the agent's time is missing): the simulated reboot's downtime is not
/// the engine's; and for agent steps,
/// the simulated agent's own time between the long-poll's answer arriving and its <c>running</c> report leaving is left
/// out (measured in the agent: on this machine the bench process is as starved as the server).
/// </summary>
internal static class ScaleBench
{
    /// <summary>
    /// <paramref name="runs"/> runs of the plan one after another on the same server (each once the pool is healthy
    /// again): the first is a run after a start (the code paths the run takes are compiled and their data read for the
    /// first time); later ones show what the same server does with them warm. The target's measure is the first.
    /// </summary>
    public static async Task<List<string>> RunAsync(string vigil, int hosts, int serial, int alerts, TimeSpan interval, TimeSpan downtime, int statsMaxconn, int runs, TextWriter console)
    {
        await using var fleet = await SimFleet.StartAsync(vigil, hosts, minHealthy: hosts - 2 * serial, interval, downtime, statsMaxconn, console).ConfigureAwait(false);
        var server = fleet.Server;
        await WaitHealthyAsync(server, hosts).ConfigureAwait(false);
        await PostAlertsAsync(server.Admin, alerts).ConfigureAwait(false);
        using var queries = BenchHttp.Create(server.Url, null, 1, TimeSpan.FromSeconds(30));
        queries.DefaultRequestHeaders.Authorization = server.Admin.DefaultRequestHeaders.Authorization;
        var idle = await QueryAsync(queries, () => false, 50).ConfigureAwait(false);
        console.WriteLine($"GET /api/v2/alerts idle ({alerts} alerts): {Percentiles.Summarize(idle)}");
        var lines = new List<string>();
        for (var n = 1; n <= runs; n++)
        {
            if (n > 1)
            {
                await WaitHealthyAsync(server, hosts).ConfigureAwait(false);
                console.WriteLine($"--- run {n} of {runs} on the same server");
            }
            var measured = await MeasureRunAsync(fleet, queries, hosts, serial, alerts, idle, console).ConfigureAwait(false);
            lines.AddRange(runs == 1 ? measured : measured.Select(l => $"run {n}{(n == 1 ? " (first after the start)" : "")}: {l}"));
        }
        return lines;
    }

    private static async Task<List<string>> MeasureRunAsync(SimFleet fleet, HttpClient queries, int hosts, int serial, int alerts, List<double> idle, TextWriter console)
    {
        var server = fleet.Server;
        using var cpu = new CpuSampler(server.Pid);
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var speedBefore = VmSpeed.MeasureMs();
        var yaml = RebootRig.RollingRebootYaml("bench-scale").Replace("hosts: {pool: web}\nserial: 1", $"hosts: {{pool: web}}\nserial: {serial}", StringComparison.Ordinal);
        var id = (await server.PostPlanAsync(yaml).ConfigureAwait(false))["id"]!.ToString();
        var done = false;
        var querying = QueryAsync(queries, () => Volatile.Read(ref done), int.MaxValue);
        JsonNode run;
        try
        {
            // Once a second: the times come from the run's stored results, not from this read, and at 500 hosts the run
            // reads as 1.2 MB — five reads a second were load the bench put on the server it measures (and on itself).
            run = await server.WaitForRunAsync(id, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1), "succeeded", "halted", "paused", "aborted").ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref done, true);
        }
        var during = await querying.ConfigureAwait(false);
        var samples = cpu.Stop();
        var loadAfter = File.ReadAllText("/proc/loadavg").Trim();
        var speedAfter = VmSpeed.MeasureMs();
        if (run["state"]!.ToString() != "succeeded")
        {
            throw new InvalidOperationException($"run {id} ended {run["state"]}: {run["halt"]?.ToJsonString()} {run["pauseReason"]}");
        }

        // The run's maintenance window (one host="…" target per host) is still open: the same reads with the engine idle
        // tell the window's cost on every alert's status from the engine's CPU.
        var after = await QueryAsync(queries, () => false, 50).ConfigureAwait(false);
        console.WriteLine($"GET /api/v2/alerts after the run, its window over {hosts} hosts still open: {Percentiles.Summarize(after)}");

        var steps = StepTime.Of(run);
        var created = DateTimeOffset.Parse(run["createdAt"]!.ToString(), CultureInfo.InvariantCulture);
        var ended = steps.Max(s => s.Ended);
        var reports = await FirstReportsAfterAsync(server, [.. steps.Select(s => s.Host).Distinct()]).ConfigureAwait(false);
        var gaps = StepTime.Gaps(steps, created);
        // The simulated agent's own time (the poll's answer in, its running report out) is the agent's, not the engine's.
        var thinking = fleet.Agents.SelectMany(a => a.Thinking).ToDictionary(t => t.Key, t => t.Value.TotalMilliseconds, StringComparer.Ordinal);
        // A host is back once its agent sent the first report of its new boot (this run's reboot: sent after the step started).
        var sent = fleet.Agents.Where(a => a.BackReportSentAt is { } at && at > created).ToDictionary(a => a.Host, a => a.BackReportSentAt!.Value, StringComparer.Ordinal);
        var taken = sent.Where(s => reports.ContainsKey(s.Key)).Select(s => (reports[s.Key] - s.Value).TotalMilliseconds).ToList();
        console.WriteLine($"new-boot reports, from the agent's send to the server's stamp of it (firstReportAfter): {(taken.Count > 0 ? Percentiles.Summarize(taken).ToString() : "none")}");
        var backs = reports.ToDictionary(r => r.Key, r => sent.TryGetValue(r.Key, out var at) ? at : r.Value, StringComparer.Ordinal);
        var overhead = steps.ToDictionary(s => s, s => gaps[s] + (s.Name == "wait: host_back" && backs.TryGetValue(s.Host, out var back)
            ? (s.Ended - (back > s.Started ? back : s.Started)).TotalMilliseconds
            : s.Ms - (s.ActionId is { } action && thinking.TryGetValue(action, out var own) ? own : 0)));
        var agentOwn = Percentiles.Summarize(steps.Where(s => s.ActionId is not null && thinking.ContainsKey(s.ActionId)).Select(s => thinking[s.ActionId!]));
        console.WriteLine($"the simulated agents' own time in agent steps (left out of their overhead): {agentOwn}");
        var (cpuSeconds, wall) = samples.Between(created, ended);
        console.WriteLine($"run {id}: {hosts} hosts, serial {serial}, {(ended - created).TotalSeconds:F1} s, {steps.Count} host-steps, " +
            $"server CPU {cpuSeconds:F1} s over {wall.TotalSeconds:F1} s; load {load} → {loadAfter}; reboots seen by the agents {fleet.Agents.Sum(a => a.Reboots)}");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the VM's speed (a fixed piece of work on one thread, fastest of 5; higher is slower): {speedBefore:F1} ms before the run, {speedAfter:F1} ms after"));
        console.WriteLine("per step (ms)                 gap p50/p99      engine overhead p50 / p99 / max");
        foreach (var g in steps.GroupBy(s => s.Step).OrderBy(g => g.Key))
        {
            var gap = Percentiles.Summarize(g.Select(s => gaps[s]));
            var o = Percentiles.Summarize(g.Select(s => overhead[s]));
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {g.First().Name,-26} {gap.P50,7:F1} / {gap.P99,7:F1}   {o.P50,8:F1} / {o.P99,8:F1} / {o.Max,8:F1}"));
        }
        // Where the time goes: within a batch, the hosts of a step start one after another (each start is a change of
        // the stored run), so the spread of their start times grows with the batch and with the run's stored size.
        foreach (var b in steps.GroupBy(s => s.Batch).OrderBy(g => g.Key))
        {
            var spread = b.GroupBy(s => s.Step).Select(g => (g.Max(s => s.Started) - g.Min(s => s.Started)).TotalMilliseconds).ToArray();
            var o = Percentiles.Summarize(b.Select(s => overhead[s]));
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  batch {b.Key,3}: overhead p50 {o.P50,7:F1} p99 {o.P99,7:F1} ms; start spread across the batch's hosts per step avg {spread.Average(),7:F1} ms, max {spread.Max(),7:F1} ms"));
        }
        console.WriteLine($"stored run body: {run.ToJsonString().Length / 1024} KiB as the API shows it at the end");
        var all = Percentiles.Summarize(overhead.Values);
        var gapsAll = Percentiles.Summarize(gaps.Values);
        var query = Percentiles.Summarize(during);
        console.WriteLine($"engine overhead per host-step: {all}; gaps alone: {gapsAll}");
        // Not the target's measure (that is the line above): where the rest of the run stands once the run's start — its
        // creation (window opened, run stored) counted into the first batch's first step on 50 hosts — is left out.
        var first = steps.Where(s => s.Batch == steps.Min(x => x.Batch) && s.Step == 0).ToHashSet();
        console.WriteLine($"  (for reading only: without the first batch's first step, which carries the run's creation: {Percentiles.Summarize(overhead.Where(o => !first.Contains(o.Key)).Select(o => o.Value))})");
        console.WriteLine($"GET /api/v2/alerts during the run: {query}");
        return
        [
            $"{hosts} hosts, serial {serial}: run {(ended - created).TotalSeconds:F1} s; engine overhead per step p99 {all.P99:F1} ms (p50 {all.P50:F1}, max {all.Max:F1}; target ≤ 50 ms); " +
                $"server CPU {cpuSeconds:F1} s; VM speed {speedBefore:F1}/{speedAfter:F1} ms",
            $"GET /api/v2/alerts ({alerts} alerts) during the run: p99 {query.P99:F1} ms (p50 {query.P50:F1}, max {query.Max:F1}, n={query.Count}; target ≤ 100 ms); " +
                $"idle before p99 {Percentiles.Summarize(idle).P99:F1} ms, after (window open) p99 {Percentiles.Summarize(after).P99:F1} ms",
        ];
    }

    private static async Task WaitHealthyAsync(BenchServer server, int hosts)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddMinutes(3);
        while (true)
        {
            var pool = await server.GetAsync("api/v1/pools/web").ConfigureAwait(false);
            if ((int)pool["healthy"]! == hosts)
            {
                return;
            }
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"pool web: {pool["summary"]}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System).ConfigureAwait(false);
        }
    }

    private static async Task PostAlertsAsync(HttpClient admin, int count)
    {
        for (var start = 0; start < count; start += 100)
        {
            var batch = new JsonArray([.. Enumerable.Range(start, Math.Min(100, count - start)).Select(i => (JsonNode)new JsonObject
            {
                ["labels"] = new JsonObject { ["alertname"] = "BenchLoad", ["instance"] = $"i-{i}", ["severity"] = "warning", ["team"] = $"t{i % 10}" },
                ["annotations"] = new JsonObject { ["summary"] = $"bench alert {i}" },
            })]);
            using var content = new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await admin.PostAsync("api/v2/alerts", content).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>GET /api/v2/alerts one after another every 100 ms until <paramref name="stop"/> or <paramref name="max"/> samples; each one's latency (ms).</summary>
    private static async Task<List<double>> QueryAsync(HttpClient http, Func<bool> stop, int max)
    {
        var latencies = new List<double>();
        while (!stop() && latencies.Count < max)
        {
            var started = Stopwatch.GetTimestamp();
            using (var response = await http.GetAsync("api/v2/alerts", HttpCompletionOption.ResponseContentRead).ConfigureAwait(false))
            {
                response.EnsureSuccessStatusCode();
            }
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System).ConfigureAwait(false);
        }
        return latencies;
    }

    /// <summary>Each host's latest reboot as the server recorded it: the time of the first report of the new boot.</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> FirstReportsAfterAsync(BenchServer server, IReadOnlyList<string> hosts)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(hosts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (host, _) =>
        {
            var h = await server.GetAsync($"api/v1/hosts/{host}").ConfigureAwait(false);
            if ((h["pendingVerification"] ?? h["reboots"]!.AsArray().FirstOrDefault()) is { } reboot)
            {
                found[host] = DateTimeOffset.Parse(reboot["firstReportAfter"]!.ToString(), CultureInfo.InvariantCulture);
            }
        }).ConfigureAwait(false);
        return new Dictionary<string, DateTimeOffset>(found, StringComparer.Ordinal);
    }
}
