using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Vigil.Bench;

/// <summary>
/// Sends latency probes open-loop (one every <c>interval</c>, each a new alert in its own group) and
/// measures POST start → webhook arrival at the <see cref="WebhookSink"/>. Open loop, so a stalled server
/// shows up as high latency instead of as fewer samples.
/// </summary>
internal sealed class LatencyRunner(HttpClient client, WebhookSink sink, TimeSpan interval, TimeSpan arrivalTimeout)
{
    private const int MaxInFlight = 256;
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly string _runId = AlertGenerator.NewRunId("p");
    private int _sequence;

    /// <summary>Sends up to <paramref name="samples"/> probes, stopping early once <paramref name="keepGoing"/> says so.</summary>
    public async Task<LatencyResult> RunAsync(int samples, Func<bool> keepGoing, CancellationToken cancel)
    {
        var samplesSeen = new ConcurrentBag<ProbeSample>();
        var first = Stopwatch.GetTimestamp();
        var lost = 0;
        var postErrors = 0;
        var probes = new List<Task>(samples);
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        using var ticker = new PeriodicTimer(interval, TimeProvider.System);
        for (var i = 0; i < samples && keepGoing() && !cancel.IsCancellationRequested; i++)
        {
            await inFlight.WaitAsync(cancel).ConfigureAwait(false);
            probes.Add(ProbeAsync().ContinueWith(_ => inFlight.Release(), TaskScheduler.Default));
            await ticker.WaitForNextTickAsync(cancel).ConfigureAwait(false);
        }

        await Task.WhenAll(probes).ConfigureAwait(false);
        var ordered = samplesSeen.OrderBy(s => s.Sequence).ToList();
        return new LatencyResult(Percentiles.Summarize(ordered.Select(s => s.TotalMs)), probes.Count, lost, postErrors) { Samples = ordered };

        async Task ProbeAsync()
        {
            var sequence = Interlocked.Increment(ref _sequence);
            var probeId = $"{_runId}-{sequence}";
            var arrival = sink.Expect(probeId);
            var body = AlertGenerator.Probe(probeId);
            var started = Stopwatch.GetTimestamp();
            try
            {
                if (!await PostAsync(body).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref postErrors);
                    return;
                }

                var answered = Stopwatch.GetTimestamp();
                var arrived = await arrival.WaitAsync(arrivalTimeout, TimeProvider.System, cancel).ConfigureAwait(false);
                samplesSeen.Add(new ProbeSample(sequence, Stopwatch.GetElapsedTime(first, started).TotalMilliseconds,
                    Stopwatch.GetElapsedTime(started, answered).TotalMilliseconds, Stopwatch.GetElapsedTime(started, arrived).TotalMilliseconds));
            }
            catch (TimeoutException)
            {
                Interlocked.Increment(ref lost);
            }
            finally
            {
                sink.Forget(probeId);
            }
        }

        async Task<bool> PostAsync(byte[] body)
        {
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = Json;
                using var response = await client.PostAsync("api/v2/alerts", content, cancel).ConfigureAwait(false);
                return response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }
    }
}
