using System.Collections.Concurrent;
using System.Diagnostics;

namespace Vigil.Bench;

/// <summary>
/// Issue 10's status page target: <c>GET /status/summary.json</c> p99 ≤ 20 ms at 500 requests/s while alerts are
/// ingested. Open loop: requests start on a fixed schedule whatever the previous ones do (a slow answer never lowers
/// the rate, so the latency is what visitors would see), against a running server whose <c>status_page</c> has
/// components bound to the ingested alerts' labels (<c>service</c> matchers).
/// </summary>
internal static class StatusPageBench
{
    public static async Task<int> RunAsync(CommandArgs a, CancellationToken cancel)
    {
        var url = BenchHttp.LoopbackUrl(a.Required("url"));
        var token = a.String("token") ?? (a.String("token-file") is { } f ? File.ReadAllText(f).Trim() : null);
        var rate = a.Int("rate", 500);
        var seconds = a.Int("seconds", 20);
        var ingestAlerts = a.Int("during-ingest", 1_000_000);
        var ingestRate = a.Int("ingest-rate", 0);
        a.RejectUnknown();

        using var reader = BenchHttp.Create(url, null, 64, TimeSpan.FromSeconds(30));
        using var ingestClient = BenchHttp.Create(url, token, 4, TimeSpan.FromSeconds(120));
        (await reader.GetAsync("status/summary.json", cancel)).EnsureSuccessStatusCode();

        var ingest = new IngestRunner(ingestClient, 4);
        using var stopIngest = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var plan = ingestAlerts > 0 ? IngestPlan.Create(AlertGenerator.NewRunId("status"), ingestAlerts, 100) : null;
        var paced = plan is not null && ingestRate > 0 ? new PacedIngest(ingestClient, plan, ingestRate) : null;
        Task ingesting = plan is null ? Task.CompletedTask
            : paced is not null ? paced.RunAsync(stopIngest.Token)
            : ingest.RunAsync(plan, null, TimeSpan.FromMinutes(10), stopIngest.Token);
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, cancel);

        var samples = new ConcurrentBag<double>();
        var errors = 0;
        var requests = new List<Task>(rate * seconds);
        var accepted = ingest.AcceptedAlerts + (paced?.AcceptedAlerts ?? 0);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < rate * seconds; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, TimeProvider.System, cancel);
            }
            requests.Add(Task.Run(async () =>
            {
                var t = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await reader.GetAsync("status/summary.json", cancel).ConfigureAwait(false);
                    await response.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                samples.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }, cancel));
        }
        await Task.WhenAll(requests);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var ingested = (ingest.AcceptedAlerts + (paced?.AcceptedAlerts ?? 0) - accepted) / elapsed.TotalSeconds;
        await stopIngest.CancelAsync();
        try
        {
            await ingesting;
        }
        catch (OperationCanceledException)
        {
        }

        var summary = Percentiles.Summarize(samples);
        Console.WriteLine($"GET /status/summary.json at {rate}/s for {seconds}s: {summary}, errors={errors}; alerts ingested meanwhile: {ingested:F0}/s");
        Console.WriteLine(summary.P99 <= 20 && errors == 0 ? "target met (p99 <= 20 ms)" : "target missed (p99 <= 20 ms, no errors)");
        return summary.P99 <= 20 && errors == 0 ? 0 : 1;
    }
}
