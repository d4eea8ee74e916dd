namespace Vigil.Bench;

/// <summary>
/// The one-shot side-by-side run: for each system, start it under the shared config and measure idle latency,
/// bulk ingest, memory, a full GET, latency under a concurrent ingest, then restart it and measure
/// one-alert-per-request ingest.
/// </summary>
internal sealed class CompareRunner(CompareOptions options, TextWriter console)
{
    private const int Senders = 4;
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(60);

    public async Task<string> RunAsync(CancellationToken cancel)
    {
        await using var sink = await WebhookSink.StartAsync(options.SinkPort).ConfigureAwait(false);
        var work = Directory.CreateTempSubdirectory("vigil-bench-");
        var config = Path.Combine(work.FullName, "bench.yml");
        await File.WriteAllTextAsync(config, ConfigWriter.Yaml(sink.BaseUrl), cancel).ConfigureAwait(false);
        console.WriteLine($"work dir {work.FullName}, sink {sink.BaseUrl}");

        var results = new Dictionary<string, SystemResults>(StringComparer.Ordinal);
        foreach (var system in options.Systems)
        {
            var result = new SystemResults();
            results[system.Name] = result;
            try
            {
                await RunSystemAsync(system, sink, config, Path.Combine(work.FullName, Slug(system.Name)), result, cancel).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
            {
                result.Failure = ex.Message;
                console.WriteLine($"[{system.Name}] FAILED: {ex.Message}");
            }
        }

        var report = MarkdownReport.Render(options, results);
        if (options.OutPath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, report, cancel).ConfigureAwait(false);
            console.WriteLine($"report written to {path}");
        }

        return report;
    }

    private async Task RunSystemAsync(SystemUnderTest system, WebhookSink sink, string config, string dir, SystemResults r, CancellationToken cancel)
    {
        void Say(string what) => console.WriteLine($"[{system.Name}] {what}");
        Directory.CreateDirectory(dir);
        using (var server = await RunningServer.StartAsync(system, config, Path.Combine(dir, "data-1"), Path.Combine(dir, "server-1.log")).ConfigureAwait(false))
        {
            r.Startup = server.Startup;
            Say($"ready in {server.Startup.TotalSeconds:F2}s at {server.Url} (pid {server.Pid})");
            using var probeClient = server.Client(16);
            using var ingestClient = server.Client(Senders);
            var latency = new LatencyRunner(probeClient, sink, ProbeInterval, ArrivalTimeout);

            // Warm-up probes (not counted): first requests pay for JIT and connection set-up on both sides.
            await latency.RunAsync(5, () => true, cancel).ConfigureAwait(false);
            r.IdleLatency = await latency.RunAsync(options.Samples, () => true, cancel).ConfigureAwait(false);
            Say($"latency idle: {r.IdleLatency}");

            var plan = IngestPlan.Create(AlertGenerator.NewRunId("a"), options.Alerts, 100);
            r.Ingest = await new IngestRunner(ingestClient, Senders).RunAsync(plan, server.Pid, StepLimit, cancel).ConfigureAwait(false);
            Say($"ingest {options.Alerts} batch 100:\n{r.Ingest}");

            r.MemoryAtFull = ProcessStats.TryMemory(server.Pid);
            Say($"memory: {r.MemoryAtFull}");

            using (var queryClient = server.Client(1))
            {
                r.Query = await QueryRunner.GetAlertsAsync(queryClient, cancel).ConfigureAwait(false);
            }

            Say($"GET /api/v2/alerts: {r.Query}");

            var freshPlan = IngestPlan.Create(AlertGenerator.NewRunId("b"), options.Alerts, 100);
            var ingesting = new IngestRunner(ingestClient, Senders).RunAsync(freshPlan, server.Pid, StepLimit, cancel);
            r.LoadedLatency = await latency.RunAsync(options.Samples * 50, () => !ingesting.IsCompleted, cancel).ConfigureAwait(false);
            r.LoadedIngest = await ingesting.ConfigureAwait(false);
            Say($"latency during ingest: {r.LoadedLatency}; ingest meanwhile {r.LoadedIngest.AlertsPerSecond:F0} alerts/s");
        }

        Say("restarting with a fresh data dir");
        using (var server = await RunningServer.StartAsync(system, config, Path.Combine(dir, "data-2"), Path.Combine(dir, "server-2.log")).ConfigureAwait(false))
        {
            using var ingestClient = server.Client(Senders);
            var plan = IngestPlan.Create(AlertGenerator.NewRunId("c"), options.SingleAlerts, 1);
            r.SingleAlertIngest = await new IngestRunner(ingestClient, Senders).RunAsync(plan, server.Pid, StepLimit, cancel).ConfigureAwait(false);
            Say($"ingest {options.SingleAlerts} batch 1:\n{r.SingleAlertIngest}");
        }
    }

    private static string Slug(string name) =>
        new(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
