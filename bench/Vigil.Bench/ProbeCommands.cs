using System.Globalization;

namespace Vigil.Bench;

/// <summary><c>probe-latency</c> and <c>probes-scale</c>: start Vigil from <c>--vigil-cmd</c> with a generated configuration and measure its probes.</summary>
internal static class ProbeCommands
{
    public static async Task<int> LatencyAsync(CommandArgs a, CancellationToken cancel)
    {
        var system = Vigil(a);
        var kills = a.Int("kills", 20);
        a.RejectUnknown();
        var dir = Directory.CreateTempSubdirectory("vigil-probe-latency-").FullName;
        await using var sink = await ArrivalSink.StartAsync().ConfigureAwait(false);
        await using var target = new ProbeTarget(ProcessLauncher.FreePort());
        await target.StartAsync().ConfigureAwait(false);
        var config = Path.Combine(dir, "vigil.yaml");
        await File.WriteAllTextAsync(config, ProbeBenchConfig.Latency(sink.Url, target.Port), cancel).ConfigureAwait(false);
        using var server = await RunningServer.StartAsync(system, config, Path.Combine(dir, "data"), Path.Combine(dir, "server.log")).ConfigureAwait(false);
        Console.WriteLine($"probe-latency: http probe every 1s, fall 2, group_wait 0s; {kills} kills of 127.0.0.1:{target.Port}; server pid {server.Pid}, log {dir}/server.log");
        var latencies = await new ProbeLatencyRunner(server, target, sink, Console.Out).RunAsync(kills, cancel).ConfigureAwait(false);
        var s = Percentiles.Summarize(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target death -> webhook delivered: n={s.Count} p50 {s.P50:F3}s p90 {s.P90:F3}s p99 {s.P99:F3}s max {s.Max:F3}s min {latencies.Min():F3}s"));
        return 0;
    }

    public static async Task<int> ScaleAsync(CommandArgs a, CancellationToken cancel)
    {
        var system = Vigil(a);
        var probes = a.Int("probes", 10_000);
        var interval = TimeSpan.FromSeconds(a.Int("interval-s", 30));
        var window = TimeSpan.FromSeconds(a.Int("window-s", 60));
        a.RejectUnknown();
        var dir = Directory.CreateTempSubdirectory("vigil-probes-scale-").FullName;
        await using var target = new ProbeTarget(ProcessLauncher.FreePort());
        await target.StartAsync().ConfigureAwait(false);
        var config = Path.Combine(dir, "vigil.yaml");
        await File.WriteAllTextAsync(config, ProbeBenchConfig.Scale(probes, (int)interval.TotalSeconds, target.Port), cancel).ConfigureAwait(false);
        using var server = await RunningServer.StartAsync(system, config, Path.Combine(dir, "data"), Path.Combine(dir, "server.log")).ConfigureAwait(false);
        Console.WriteLine($"probes-scale: {probes} http probes every {interval.TotalSeconds:F0}s against 127.0.0.1:{target.Port}; server pid {server.Pid} (start-up {server.Startup.TotalSeconds:F1}s); " +
            $"warm-up one interval, then {window.TotalSeconds:F0}s measured");
        var result = await new ProbeScaleRunner(server, target, probes, interval).RunAsync(interval + TimeSpan.FromSeconds(5), window, cancel).ConfigureAwait(false);
        Console.WriteLine(result);
        Console.WriteLine(ProcessStats.TryMemory(server.Pid)?.ToString() ?? "");
        return result.Runs > 0 ? 0 : 1;
    }

    private static SystemUnderTest Vigil(CommandArgs a) => new(
        SystemUnderTest.VigilName,
        a.String("vigil-cmd") ?? "src/Vigil/bin/Release/net10.0/vigil server --config {config} --listen 127.0.0.1:{port} --data {data}",
        a.String("vigil-token-file") ?? "{data}/admin.token");
}
