using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Vigil.Bench;

/// <summary>
/// Issue 15's GET target: times full <c>GET /api/v2/alerts</c> answers (total and first byte), the server's CPU and
/// RSS around each, <c>/-/ready</c> polled every 10 ms on its own connection during it, and optionally the
/// latency of ingest requests that ran during it.
/// </summary>
internal sealed class QueryBench(Uri url, string? token, int? serverPid, TextWriter output)
{
    /// <summary>
    /// <paramref name="runs"/> GETs; with <paramref name="duringIngest"/> alerts posted meanwhile by 4 senders as fast as
    /// they can, or, with <paramref name="ingestRate"/>, at that many alerts a second on a fixed schedule (so the posts
    /// are still going while the GET runs, and their latency is the server's answer to ingestion during a GET).
    /// </summary>
    public async Task<IReadOnlyList<QueryRun>> RunAsync(int runs, int duringIngest, int ingestRate, CancellationToken cancel)
    {
        var results = new List<QueryRun>();
        for (var i = 0; i < runs; i++)
        {
            var run = await OneAsync(duringIngest, ingestRate, cancel).ConfigureAwait(false);
            output.WriteLine($"run {i + 1}: {run}");
            results.Add(run);
        }
        if (runs > 1)
        {
            output.WriteLine($"median of {runs}: {QueryRun.Median(results)}");
        }
        return results;
    }

    private async Task<QueryRun> OneAsync(int duringIngest, int ingestRate, CancellationToken cancel)
    {
        using var queryClient = BenchHttp.Create(url, token, 1, TimeSpan.FromMinutes(5));
        using var readyClient = BenchHttp.Create(url, token, 1, TimeSpan.FromMinutes(1));
        using var ingestClient = BenchHttp.Create(url, token, 4, TimeSpan.FromSeconds(120));
        using var stopIngest = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var ingestLatencies = new ConcurrentQueue<(long Started, double Ms)>();
        var ingest = new IngestRunner(ingestClient, 4) { OnRequest = (s, ms) => ingestLatencies.Enqueue((s, ms)) };
        Task<IngestResult>? ingesting = null;
        PacedIngest? paced = null;
        Task? pacing = null;
        if (duringIngest > 0)
        {
            var plan = IngestPlan.Create(AlertGenerator.NewRunId("q"), duringIngest, 100);
            if (ingestRate > 0)
            {
                paced = new PacedIngest(ingestClient, plan, ingestRate) { OnRequest = (s, ms) => ingestLatencies.Enqueue((s, ms)) };
                pacing = paced.RunAsync(stopIngest.Token);
            }
            else
            {
                ingesting = ingest.RunAsync(plan, null, TimeSpan.FromMinutes(5), stopIngest.Token);
                await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System, cancel).ConfigureAwait(false);
            }
        }
        // Settle the GC first so "before" is not inflated by an earlier run's garbage.
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, cancel).ConfigureAwait(false);
        var rssBefore = serverPid is { } p1 ? ProcessStats.TryMemory(p1)?.RssBytes : null;
        var cpuBefore = serverPid is { } p2 ? ProcessStats.TryCpuSeconds(p2) : null;
        var accepted = ingest.AcceptedAlerts + (paced?.AcceptedAlerts ?? 0);
        using var stopReady = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var readyLatencies = new List<double>();
        var polling = PollReadyAsync(readyClient, readyLatencies, stopReady.Token);
        var started = Stopwatch.GetTimestamp();
        var query = await QueryRunner.GetAlertsAsync(queryClient, cancel).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await stopReady.CancelAsync().ConfigureAwait(false);
        await polling.ConfigureAwait(false);
        var ingestedPerSecond = (ingest.AcceptedAlerts + (paced?.AcceptedAlerts ?? 0) - accepted) / elapsed.TotalSeconds;
        var cpuAfter = serverPid is { } p3 ? ProcessStats.TryCpuSeconds(p3) : null;
        var rssAfter = serverPid is { } p4 ? ProcessStats.TryMemory(p4)?.RssBytes : null;
        await stopIngest.CancelAsync().ConfigureAwait(false);
        if (pacing is not null)
        {
            await pacing.ConfigureAwait(false);
            if (paced!.FailedRequests > 0)
            {
                // As below: refusals would be timed as if they were ingestion.
                output.WriteLine($"ingest errors: {paced.FailedRequests} requests refused or unanswered");
            }
        }
        if (ingesting is not null && (await ingesting.ConfigureAwait(false)).Errors.Where(e => e.Key != "cancelled").ToList() is { Count: > 0 } errors)
        {
            // A refused ingest (429 at max_active_alerts) would time refusals, not ingestion.
            output.WriteLine("ingest errors: " + string.Join(", ", errors.Select(e => $"{e.Key} ×{e.Value}")));
        }
        var during = ingestLatencies.Where(l => l.Started >= started && l.Started <= started + (long)(elapsed.TotalSeconds * Stopwatch.Frequency))
            .Select(l => l.Ms);
        return new QueryRun(
            query,
            cpuBefore is { } cb && cpuAfter is { } ca ? ca - cb : null,
            rssBefore,
            rssAfter,
            Percentiles.Summarize(readyLatencies),
            duringIngest > 0 ? Percentiles.Summarize(during) : null,
            duringIngest > 0 ? ingestedPerSecond : null);
    }

    private static async Task PollReadyAsync(HttpClient client, List<double> latencies, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync("-/ready", stop).ConfigureAwait(false);
                await response.Content.CopyToAsync(Stream.Null, stop).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // A request cut off by the end of the GET is not a sample.
                return;
            }
        }
    }
}

/// <summary>One <see cref="QueryBench"/> run.</summary>
internal sealed record QueryRun(
    QueryResult Query, double? ServerCpuSeconds, long? RssBefore, long? RssAfter, LatencySummary Ready,
    LatencySummary? IngestDuring, double? IngestRate)
{
    public double? RssRatio => RssBefore is > 0 && RssAfter is { } a ? (double)a / RssBefore.Value : null;

    public static string Median(IReadOnlyList<QueryRun> runs)
    {
        static double M(IEnumerable<double> xs)
        {
            var s = xs.Order().ToArray();
            return s.Length == 0 ? double.NaN : s[s.Length / 2];
        }
        var ci = CultureInfo.InvariantCulture;
        var text = string.Create(ci,
            $"GET {M(runs.Select(r => r.Query.Elapsed.TotalSeconds)):F2}s, first byte {M(runs.Select(r => r.Query.FirstByte.TotalSeconds)):F2}s, server CPU {M(runs.Select(r => r.ServerCpuSeconds ?? double.NaN)):F2}s, RSS after/before {M(runs.Select(r => r.RssRatio ?? double.NaN)):F2}, /-/ready p99 {M(runs.Select(r => r.Ready.P99)):F1}ms max {M(runs.Select(r => r.Ready.Max)):F1}ms");
        return runs[0].IngestDuring is null ? text : text + string.Create(ci,
            $", ingest during p99 {M(runs.Select(r => r.IngestDuring!.P99)):F1}ms max {M(runs.Select(r => r.IngestDuring!.Max)):F1}ms, {M(runs.Select(r => r.IngestRate ?? 0)):F0} alerts/s");
    }

    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var text = string.Create(ci,
            $"{Query}; server CPU {ServerCpuSeconds:F2}s; RSS {RssBefore / 1048576.0:F0} → {RssAfter / 1048576.0:F0} MiB (×{RssRatio:F2}); /-/ready {Ready}");
        return IngestDuring is null ? text : text + string.Create(ci, $"; ingest during the GET {IngestDuring}, {IngestRate:F0} alerts/s");
    }
}
