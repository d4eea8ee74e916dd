using System.Diagnostics;
using System.Globalization;
using Vigil.Bench.Plans;

namespace Vigil.Bench.Ui;

/// <summary>
/// <paramref name="sessions"/> open live-update streams (<c>GET /ui/events?topics=alerts</c>, as the Now page opens):
/// the server's RSS before and after opening them, how soon an ingested alert reaches every stream, and ingestion of
/// 20,000 alerts without the streams, with them open, and without again.
/// </summary>
internal static class UiStreams
{
    public static async Task<bool> RunAsync(BenchServer server, HttpClient ui, int sessions, TextWriter console)
    {
        // The quiet ingest first: its 20,000 new alerts must not count as the streams' memory.
        var quiet = await IngestAsync(server, "quiet").ConfigureAwait(false);
        var before = await SettledRssAsync(server.Pid).ConfigureAwait(false);
        using var stop = new CancellationTokenSource();
        var streams = new List<Stream>();
        var readers = new List<Task>();
        var arrivals = new long[sessions];
        for (var i = 0; i < sessions; i++)
        {
            var index = i;
            var response = await ui.GetAsync("ui/events?topics=alerts", HttpCompletionOption.ResponseHeadersRead, stop.Token).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var stream = await response.Content.ReadAsStreamAsync(stop.Token).ConfigureAwait(false);
            streams.Add(stream);
            readers.Add(Task.Run(() => ReadAsync(stream, () => Interlocked.Exchange(ref arrivals[index], Stopwatch.GetTimestamp()), stop.Token)));
        }
        await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System).ConfigureAwait(false);
        var after = await SettledRssAsync(server.Pid).ConfigureAwait(false);
        var delays = new List<double>();
        for (var round = 0; round < 10; round++)
        {
            Array.Clear(arrivals);
            var sent = Stopwatch.GetTimestamp();
            using (var content = new ByteArrayContent(AlertGenerator.Probe("ui-" + round.ToString(CultureInfo.InvariantCulture))))
            {
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var posted = await server.Admin.PostAsync("api/v2/alerts", content).ConfigureAwait(false);
                posted.EnsureSuccessStatusCode();
            }
            var deadline = sent + (long)(5 * Stopwatch.Frequency);
            while (arrivals.Any(t => t == 0) && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System).ConfigureAwait(false);
            }
            delays.AddRange(arrivals.Select(t => t == 0 ? 5000 : (t - sent) * 1000.0 / Stopwatch.Frequency));
            await Task.Delay(TimeSpan.FromMilliseconds(400), TimeProvider.System).ConfigureAwait(false);
        }
        var busy = await IngestAsync(server, "streams").ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        foreach (var s in streams)
        {
            await s.DisposeAsync().ConfigureAwait(false);
        }
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        // Once more without streams: the baseline is the mean of the runs before and after (the store grows by 20,000
        // alerts a run, and one run alone is as noisy as the difference looked for).
        var quietAfter = await IngestAsync(server, "quiet-after").ConfigureAwait(false);
        var baseline = (quiet + quietAfter) / 2;

        var cost = (after - before) / 1024.0 / 1024.0;
        var latency = Percentiles.Summarize(delays);
        var slowdown = 1 - (busy / baseline);
        console.WriteLine($"{sessions} open streams: RSS {before / 1048576.0:F0} -> {after / 1048576.0:F0} MiB (+{cost:F1} MiB; target <= 50 MiB: {(cost <= 50 ? "met" : "missed")})");
        console.WriteLine($"alert posted -> change event at every stream: {latency} (target <= 1000 ms: {(latency.P99 <= 1000 ? "met" : "missed")})");
        console.WriteLine($"ingest of 20,000 alerts: {quiet:F0}/s and {quietAfter:F0}/s without streams (before, after), {busy:F0}/s with {sessions} open ({(slowdown >= 0 ? $"{slowdown:P1} slower" : $"{-slowdown:P1} faster")} than their mean)");
        return cost <= 50 && latency.P99 <= 1000;
    }

    private static async Task ReadAsync(Stream stream, Action onChange, CancellationToken ct)
    {
        using var reader = new StreamReader(stream);
        try
        {
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("event: change", StringComparison.Ordinal))
                {
                    onChange();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The bench closed the stream.
        }
    }

    private static async Task<double> IngestAsync(BenchServer server, string prefix)
    {
        var ingest = new IngestRunner(server.Admin, 4);
        var result = await ingest.RunAsync(IngestPlan.Create(AlertGenerator.NewRunId(prefix), 20_000, 100), server.Pid, TimeSpan.FromMinutes(5), CancellationToken.None).ConfigureAwait(false);
        return result.AlertsPerSecond;
    }

    private static async Task<long> SettledRssAsync(int pid)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System).ConfigureAwait(false);
        foreach (var line in await File.ReadAllLinesAsync($"/proc/{pid}/status").ConfigureAwait(false))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }
}
