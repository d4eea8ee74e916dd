namespace Vigil.Bench;

/// <summary>
/// The side-by-side run, repeated <see cref="CompareOptions.Runs"/> times with the systems taking turns to go first.
/// Each run, for each system, on fresh data folders: start it under the shared config and measure idle latency, bulk
/// ingest, memory, a full GET, the command-line client, latency under a concurrent ingest; restart it and measure
/// one-alert-per-request ingest; then the million-alert rows and (Vigil) escalation steps due at once.
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

        var results = options.Systems.ToDictionary(s => s.Name, _ => new List<SystemResults>(), StringComparer.Ordinal);
        var started = TimeProvider.System.GetTimestamp();
        for (var run = 1; run <= options.Runs; run++)
        {
            // Alternate who goes first, so neither always meets a machine warmed (or tired) by the other.
            var order = run % 2 == 1 ? options.Systems : options.Systems.Reverse();
            foreach (var system in order)
            {
                console.WriteLine($"=== run {run}/{options.Runs}: {system.Name} ({TimeProvider.System.GetElapsedTime(started).TotalMinutes:F1} min in)");
                var result = new SystemResults();
                results[system.Name].Add(result);
                var dir = Path.Combine(work.FullName, $"run-{run}", Slug(system.Name));
                Directory.CreateDirectory(dir);
                await PartAsync(system, result, () => RunSystemAsync(system, sink, config, dir, result, cancel), cancel).ConfigureAwait(false);
                if (options.Million > 0)
                {
                    result.Million = new MillionResult();
                    await PartAsync(system, result, () => new MillionRunner(system, config, dir, console).RunAsync(options.Million, result.Million, cancel), cancel).ConfigureAwait(false);
                }

                if (system.Escalates && options.Escalations > 0)
                {
                    await PartAsync(system, result, async () => result.Escalation = await new EscalationBench(Escalation(system), console).MeasureAsync(cancel).ConfigureAwait(false), cancel).ConfigureAwait(false);
                }
                // Measured: its data folders go (a failed part's stay, to look at).
                if (result.Failure is null)
                {
                    BenchFolders.RemoveData(dir);
                }
            }
        }
        console.WriteLine(BenchFolders.Keep
            ? $"work dir {work.FullName} kept whole (VIGIL_BENCH_KEEP)"
            : $"work dir {work.FullName}: the servers' logs (data folders removed once measured; VIGIL_BENCH_KEEP=1 keeps them)");

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        console.WriteLine($"all {options.Runs} run(s) took {elapsed.TotalMinutes:F1} min");
        var report = MarkdownReport.Render(options, results, elapsed);
        if (options.OutPath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, report, cancel).ConfigureAwait(false);
            console.WriteLine($"report written to {path}");
        }

        return report;
    }

    /// <summary>Runs one part; a failure is recorded and the next part goes on (what was measured before it stays).</summary>
    private async Task PartAsync(SystemUnderTest system, SystemResults result, Func<Task> part, CancellationToken cancel)
    {
        try
        {
            await part().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            result.Failure = result.Failure is null ? ex.Message : result.Failure + "; " + ex.Message;
            console.WriteLine($"[{system.Name}] FAILED: {ex.Message}");
        }
    }

    private async Task RunSystemAsync(SystemUnderTest system, WebhookSink sink, string config, string dir, SystemResults r, CancellationToken cancel)
    {
        void Say(string what) => console.WriteLine($"[{system.Name}] {what}");
        // Start-up is timed on a settled machine: this process's own garbage collected, then until the cores were at
        // most 10 % busy over 200 ms (at most 5 s), so the start does not share them with the previous part's tail.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var (busy, waited) = await MachineLoad.WaitIdleAsync(0.10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), cancel).ConfigureAwait(false);
        Say($"machine settled in {waited.TotalSeconds:F1}s ({busy:P0} of the cores busy over the last 200 ms)");
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
            await MeasureCliAsync(system, server, r, Say, cancel).ConfigureAwait(false);

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

            // The same again on the now warm process: the difference is what a just-started process pays (Vigil's JIT).
            var warmPlan = IngestPlan.Create(AlertGenerator.NewRunId("w"), options.SingleAlerts, 1);
            r.SingleAlertIngestWarm = await new IngestRunner(ingestClient, Senders).RunAsync(warmPlan, server.Pid, StepLimit, cancel).ConfigureAwait(false);
            Say($"ingest {options.SingleAlerts} batch 1 again, warm:\n{r.SingleAlertIngestWarm}");
        }
    }

    private async Task MeasureCliAsync(SystemUnderTest system, RunningServer server, SystemResults r, Action<string> say, CancellationToken cancel)
    {
        if (options.CliInvocations < 1)
        {
            return;
        }

        if (system.AlertsCliTemplate is { } alerts)
        {
            r.AlertsCli = await CliRunner.RunAsync(SystemUnderTest.Cli(alerts, server.Url, server.Token), options.CliInvocations, cancel).ConfigureAwait(false);
            say($"CLI alerts: {r.AlertsCli}");
        }

        if (system.SilencesCliTemplate is { } silences)
        {
            r.SilencesCli = await CliRunner.RunAsync(SystemUnderTest.Cli(silences, server.Url, server.Token), options.CliInvocations, cancel).ConfigureAwait(false);
            say($"CLI silences: {r.SilencesCli}");
        }
    }

    private EscalationBenchOptions Escalation(SystemUnderTest system) => new()
    {
        Pages = options.Escalations,
        // The escalation bench's own default (30 s) is too short to open 10,000 pages on a loaded 2-core machine; the
        // lag is measured from the resume, so a longer timeout only makes the run longer.
        AckTimeout = TimeSpan.FromSeconds(60),
        VigilCommand = system.CommandTemplate,
        TokenFile = system.TokenFileTemplate ?? "{data}/admin.token",
        AtOnce = true,
        CommandLine = options.CommandLine,
    };

    private static string Slug(string name) =>
        new(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
