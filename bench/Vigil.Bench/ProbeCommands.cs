using System.Globalization;

namespace Vigil.Bench;

/// <summary><c>probe-latency</c> and <c>probes-scale</c>: start Vigil from <c>--vigil-cmd</c> with a generated configuration and measure its probes.</summary>
internal static class ProbeCommands
{
    public static async Task<int> LatencyAsync(CommandArgs a, CancellationToken cancel)
    {
        var prometheus = a.String("system") switch
        {
            null or "vigil" => false,
            "prometheus" => true,
            var other => throw new ArgumentException($"--system takes vigil or prometheus, not '{other}'"),
        };
        var system = prometheus ? null : Vigil(a);
        var kills = a.Int("kills", 20);
        a.RejectUnknown();
        var dir = Directory.CreateTempSubdirectory("vigil-probe-latency-").FullName;
        await using var sink = await ArrivalSink.StartAsync().ConfigureAwait(false);
        await using var target = new ProbeTarget(ProcessLauncher.FreePort());
        await target.StartAsync().ConfigureAwait(false);
        IDisposable running;
        Func<CancellationToken, Task> waitUp;
        string what;
        if (system is not null)
        {
            var config = Path.Combine(dir, "vigil.yaml");
            await File.WriteAllTextAsync(config, ProbeBenchConfig.Latency(sink.Url, target.Port), cancel).ConfigureAwait(false);
            var server = await RunningServer.StartAsync(system, config, Path.Combine(dir, "data"), Path.Combine(dir, "server.log")).ConfigureAwait(false);
            var api = server.Client(1);
            (running, waitUp) = (server, ct => ProbeLatencyRunner.WaitUpAsync(api, ct));
            what = "Vigil: http probe every 1s, fall 2, group_wait 0s";
        }
        else
        {
            running = await PrometheusAlertingStack.StartAsync(dir, sink.Url, target.Port).ConfigureAwait(false);
            // Up again once the previous round's resolution went out and a few scrapes succeeded (the first round: after discovery).
            waitUp = ct => Task.Delay(TimeSpan.FromSeconds(12), TimeProvider.System, ct);
            what = "Prometheus + blackbox exporter + Alertmanager: scrape 5s, evaluation 5s, for 10s, group_wait 5s";
        }
        using (running)
        {
            Console.WriteLine($"probe-latency ({what}); {kills} kills of 127.0.0.1:{target.Port}; logs in {dir}");
            var latencies = await new ProbeLatencyRunner(waitUp, target, sink, Console.Out, TimeSpan.FromSeconds(prometheus ? 5 : 1)).RunAsync(kills, cancel).ConfigureAwait(false);
            var s = Percentiles.Summarize(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target death -> webhook delivered: n={s.Count} p50 {s.P50:F3}s p90 {s.P90:F3}s p99 {s.P99:F3}s max {s.Max:F3}s min {latencies.Min():F3}s"));
            return 0;
        }
    }

    public static async Task<int> ScaleAsync(CommandArgs a, CancellationToken cancel)
    {
        var blackbox = a.String("system") switch
        {
            null or "vigil" => false,
            "blackbox" => true,
            var other => throw new ArgumentException($"--system takes vigil or blackbox, not '{other}'"),
        };
        var system = blackbox ? null : Vigil(a);
        var probes = a.Int("probes", 10_000);
        var interval = TimeSpan.FromSeconds(a.Int("interval-s", 30));
        var window = TimeSpan.FromSeconds(a.Int("window-s", 60));
        a.RejectUnknown();
        var dir = Directory.CreateTempSubdirectory("vigil-probes-scale-").FullName;
        await using var target = new ProbeTarget(ProcessLauncher.FreePort());
        await target.StartAsync().ConfigureAwait(false);
        IDisposable running;
        IReadOnlyList<int> pids;
        if (system is not null)
        {
            var config = Path.Combine(dir, "vigil.yaml");
            await File.WriteAllTextAsync(config, ProbeBenchConfig.Scale(probes, (int)interval.TotalSeconds, target.Port), cancel).ConfigureAwait(false);
            var server = await RunningServer.StartAsync(system, config, Path.Combine(dir, "data"), Path.Combine(dir, "server.log")).ConfigureAwait(false);
            (running, pids) = (server, [server.Pid]);
        }
        else
        {
            var stack = await BlackboxStack.StartAsync(dir, probes, (int)interval.TotalSeconds, target.Port).ConfigureAwait(false);
            (running, pids) = (stack, stack.Pids);
        }
        using (running)
        {
            Console.WriteLine($"probes-scale ({(blackbox ? "Prometheus + blackbox exporter" : "Vigil")}): {probes} http probes every {interval.TotalSeconds:F0}s " +
                $"against 127.0.0.1:{target.Port}; pids {string.Join(",", pids)}; warm-up one interval, then {window.TotalSeconds:F0}s measured; logs in {dir}");
            var result = await new ProbeScaleRunner(pids, target, probes, interval, vigilGrid: !blackbox)
                .RunAsync(interval + TimeSpan.FromSeconds(5), window, cancel).ConfigureAwait(false);
            Console.WriteLine(result);
            foreach (var pid in pids)
            {
                Console.WriteLine(ProcessStats.TryMemory(pid)?.ToString() ?? "");
            }
            return result.Runs > 0 ? 0 : 1;
        }
    }

    private static SystemUnderTest Vigil(CommandArgs a) => new(
        SystemUnderTest.VigilName,
        a.String("vigil-cmd") ?? "src/Vigil/bin/Release/net10.0/vigil server --config {config} --listen 127.0.0.1:{port} --data {data}",
        a.String("vigil-token-file") ?? "{data}/admin.token");
}
