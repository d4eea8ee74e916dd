using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Vigil.Bench;

/// <summary>
/// <c>probe-latency</c>: kill the probed target at a random moment, time until the <c>ProbeFailed</c> webhook arrives;
/// restart it, wait for the resolution, repeat. Kills land at a random point of the probing <c>cycle</c>.
/// </summary>
internal sealed class ProbeLatencyRunner(Func<CancellationToken, Task> waitUp, ProbeTarget target, ArrivalSink sink, TextWriter log, TimeSpan cycle)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public async Task<List<double>> RunAsync(int kills, CancellationToken cancel)
    {
        var random = new Random(42);
        var latencies = new List<double>();
        for (var i = 0; i < kills; i++)
        {
            await waitUp(cancel).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, (int)cycle.TotalMilliseconds)), TimeProvider.System, cancel).ConfigureAwait(false);
            var killedAt = await target.KillAsync().ConfigureAwait(false);
            var firedAt = await sink.WaitForAsync("firing", killedAt, Timeout, cancel).ConfigureAwait(false)
                ?? throw new TimeoutException($"no firing webhook {Timeout.TotalSeconds:F0}s after kill {i + 1}");
            var seconds = Stopwatch.GetElapsedTime(killedAt, firedAt).TotalSeconds;
            latencies.Add(seconds);
            log.WriteLine($"kill {i + 1}: webhook after {seconds:F3}s");
            var restartedAt = Stopwatch.GetTimestamp();
            await target.StartAsync().ConfigureAwait(false);
            _ = await sink.WaitForAsync("resolved", restartedAt, Timeout, cancel).ConfigureAwait(false)
                ?? throw new TimeoutException($"no resolved webhook after restart {i + 1}");
            await Task.Delay(TimeSpan.FromSeconds(1.5), TimeProvider.System, cancel).ConfigureAwait(false); // the group is gone before the next kill
        }
        return latencies;
    }

    /// <summary>Vigil: until its API says the probe is up and its alert resolved.</summary>
    public static async Task WaitUpAsync(HttpClient api, CancellationToken cancel)
    {
        for (var i = 0; i < 600; i++)
        {
            var probe = JsonNode.Parse(await api.GetStringAsync(new Uri("api/v1/probes/bench-target", UriKind.Relative), cancel).ConfigureAwait(false));
            if (probe?["state"]?.ToString() == "up" && probe["alertFiring"]?.GetValue<bool>() == false)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, cancel).ConfigureAwait(false);
        }
        throw new TimeoutException("the probe did not come up");
    }
}
