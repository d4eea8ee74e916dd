using Vigil.Server.Probes;

namespace Vigil.Bench;

/// <summary>
/// <c>probes-scale</c>: many http probes against one local server. Schedule lag is measured at the target: each
/// request's arrival minus the probe's ideal run time (its grid point, from the server's own schedule math).
/// CPU is the server process's utime+stime over the measured window.
/// </summary>
internal sealed class ProbeScaleRunner(RunningServer server, ProbeTarget target, int probes, TimeSpan interval)
{
    public sealed record Result(int Probes, TimeSpan Interval, TimeSpan Window, int Runs, int Expected, LatencySummary Lag, double CpuSeconds, double CpuPer1000)
    {
        public override string ToString() =>
            $"{Probes} probes every {Interval.TotalSeconds:F0}s: {Runs} runs in {Window.TotalSeconds:F0}s (expected {Expected}); " +
            $"schedule lag p50 {Lag.P50 * 1000:F1} ms, p99 {Lag.P99 * 1000:F1} ms, max {Lag.Max * 1000:F1} ms; " +
            $"server CPU {CpuSeconds:F2}s = {CpuPer1000:F3} CPU-s per 1,000 probes";
    }

    public async Task<Result> RunAsync(TimeSpan warmUp, TimeSpan window, CancellationToken cancel)
    {
        await Task.Delay(warmUp, TimeProvider.System, cancel).ConfigureAwait(false);
        var cpu0 = ProcessStats.TryCpuSeconds(server.Pid) ?? double.NaN;
        target.Recording = true;
        await Task.Delay(window, TimeProvider.System, cancel).ConfigureAwait(false);
        target.Recording = false;
        var cpu1 = ProcessStats.TryCpuSeconds(server.Pid) ?? double.NaN;
        var lags = new List<double>();
        foreach (var (path, at) in target.Arrivals)
        {
            var name = path.TrimStart('/');
            var ideal = ProbeSchedule.NextDue(at - interval, interval, ProbeSchedule.Phase(name, interval));
            lags.Add((at - ideal).TotalSeconds);
        }
        var cpu = cpu1 - cpu0;
        var expected = (int)(probes * (window / interval));
        return new Result(probes, interval, window, lags.Count, expected, Percentiles.Summarize(lags), cpu, lags.Count == 0 ? double.NaN : cpu / (lags.Count / 1000.0));
    }
}
