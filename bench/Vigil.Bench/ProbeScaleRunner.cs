using Vigil.Server.Probes;

namespace Vigil.Bench;

/// <summary>
/// <c>probes-scale</c>: many http probes against one local server, measured at the target. Schedule lag: each request's
/// arrival minus the probe's ideal run time (the nearest grid point, from Vigil's own schedule math; negative when a
/// timer fired a fraction of a millisecond early) — only for Vigil. Jitter, for any system: how far the time between
/// a probe's consecutive requests is from the interval. CPU: utime+stime of the given processes over the window.
/// </summary>
internal sealed class ProbeScaleRunner(IReadOnlyList<int> pids, ProbeTarget target, int probes, TimeSpan interval, bool vigilGrid)
{
    public sealed record Result(int Probes, TimeSpan Interval, TimeSpan Window, int Runs, int Expected, LatencySummary? Lag, LatencySummary Jitter, double CpuSeconds, double CpuPer1000)
    {
        public override string ToString() =>
            $"{Probes} probes every {Interval.TotalSeconds:F0}s: {Runs} runs in {Window.TotalSeconds:F0}s (expected {Expected}); " +
            (Lag is { } lag ? $"schedule lag p50 {lag.P50 * 1000:F1} ms, p99 {lag.P99 * 1000:F1} ms, max {lag.Max * 1000:F1} ms; " : "") +
            $"interval jitter p50 {Jitter.P50 * 1000:F1} ms, p99 {Jitter.P99 * 1000:F1} ms, max {Jitter.Max * 1000:F1} ms; " +
            $"CPU {CpuSeconds:F2}s = {CpuPer1000:F3} CPU-s per 1,000 probes";
    }

    public async Task<Result> RunAsync(TimeSpan warmUp, TimeSpan window, CancellationToken cancel)
    {
        await Task.Delay(warmUp, TimeProvider.System, cancel).ConfigureAwait(false);
        var cpu0 = Cpu();
        target.Recording = true;
        await Task.Delay(window, TimeProvider.System, cancel).ConfigureAwait(false);
        target.Recording = false;
        var cpu1 = Cpu();
        var lags = new List<double>();
        var jitter = new List<double>();
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (path, at) in target.Arrivals)
        {
            var name = path.TrimStart('/');
            if (vigilGrid)
            {
                var ideal = ProbeSchedule.NextDue(at - (interval / 2), interval, ProbeSchedule.Phase(name, interval));
                lags.Add((at - ideal).TotalSeconds);
            }
            if (last.TryGetValue(name, out var previous))
            {
                jitter.Add(Math.Abs((at - previous - interval).TotalSeconds));
            }
            last[name] = at;
        }
        var runs = target.Arrivals.Count;
        var cpu = cpu1 - cpu0;
        return new Result(probes, interval, window, runs, (int)(probes * (window / interval)),
            vigilGrid ? Percentiles.Summarize(lags) : null, Percentiles.Summarize(jitter), cpu, runs == 0 ? double.NaN : cpu / (runs / 1000.0));
    }

    private double Cpu() => pids.Sum(p => ProcessStats.TryCpuSeconds(p) ?? double.NaN);
}
