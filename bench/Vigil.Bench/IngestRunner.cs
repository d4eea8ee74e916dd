using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Vigil.Bench;

/// <summary>
/// Posts a pre-built <see cref="IngestPlan"/> to <c>POST /api/v2/alerts</c> with N concurrent senders
/// sharing one keep-alive connection pool.
/// </summary>
internal sealed class IngestRunner(HttpClient client, int concurrency)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private long _accepted;

    /// <summary>Alerts acknowledged with 2xx so far; readable while the run is in progress.</summary>
    public long AcceptedAlerts => Interlocked.Read(ref _accepted);

    /// <summary>Told each request's start (<see cref="Stopwatch"/> timestamp) and latency in ms, as it completes.</summary>
    public Action<long, double>? OnRequest { get; init; }

    public async Task<IngestResult> RunAsync(IngestPlan plan, int? serverPid, TimeSpan maxDuration, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(maxDuration);
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var latencies = new ConcurrentBag<double[]>();
        var next = -1;
        var requests = 0;
        var cpuBefore = serverPid is { } p ? ProcessStats.TryCpuSeconds(p) : null;
        var clock = Stopwatch.StartNew();

        async Task SendLoop()
        {
            var mine = new List<double>(plan.Bodies.Count / Math.Max(1, concurrency) + 1);
            try
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < plan.Bodies.Count && !deadline.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    var status = await PostAsync(plan.Bodies[index], deadline.Token).ConfigureAwait(false);
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    mine.Add(ms);
                    OnRequest?.Invoke(started, ms);
                    Interlocked.Increment(ref requests);
                    if (status is null)
                    {
                        Interlocked.Add(ref _accepted, plan.AlertsIn(index));
                    }
                    else
                    {
                        errors.AddOrUpdate(status, 1, (_, n) => n + 1);
                    }
                }
            }
            finally
            {
                latencies.Add([.. mine]);
            }
        }

        var senders = Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => Task.Run(SendLoop, CancellationToken.None)).ToArray();
        await Task.WhenAll(senders).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var cpuAfter = serverPid is { } q ? ProcessStats.TryCpuSeconds(q) : null;
        if (next < plan.Bodies.Count && deadline.IsCancellationRequested && !cancel.IsCancellationRequested)
        {
            errors.AddOrUpdate("stopped-at-time-limit", 1, (_, n) => n + 1);
        }

        return new IngestResult(
            (int)AcceptedAlerts,
            requests,
            elapsed,
            Percentiles.Summarize(latencies.SelectMany(l => l)),
            errors,
            cpuBefore is { } b && cpuAfter is { } a ? a - b : null);
    }

    /// <summary>Returns null on success, otherwise an error key (status code or exception type).</summary>
    private async Task<string?> PostAsync(byte[] body, CancellationToken cancel)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await client.PostAsync("api/v2/alerts", content, cancel).ConfigureAwait(false);
            // Drain the (small) body so the connection goes back to the pool clean.
            await response.Content.CopyToAsync(Stream.Null, cancel).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return "cancelled";
        }
        catch (OperationCanceledException)
        {
            return "timeout";
        }
        catch (HttpRequestException ex)
        {
            return "exception:" + (ex.HttpRequestError.ToString());
        }
    }
}
