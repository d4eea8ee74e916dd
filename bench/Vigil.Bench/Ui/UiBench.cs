using System.Diagnostics;
using System.Globalization;
using Vigil.Bench.Plans;

namespace Vigil.Bench.Ui;

/// <summary>
/// <c>ui</c>: issue 12's targets against the real built server with 100,000 active alerts, 10,000 probes and 1,000
/// hosts: the complete HTML of Now and the other pages (p50/p99 of sequential GETs with a session cookie), first
/// contentful paint of Now in Chromium, and 200 open live-update streams: their memory, how soon a change reaches them,
/// and whether ingestion slows down while they are open.
/// </summary>
internal static class UiBench
{
    private static readonly string[] Pages =
        ["ui", "ui/alerts", "ui/alerts?filter=severity%3D%22critical%22", "ui/silences", "ui/pages", "ui/incidents", "ui/oncall", "ui/maintenance", "ui/hosts"];

    public static async Task<int> RunAsync(CommandArgs a)
    {
        var vigil = Path.GetFullPath(a.String("vigil") ?? PlanBench.DefaultVigil);
        var alerts = a.Int("alerts", 100_000);
        var probes = a.Int("probes", 10_000);
        var hosts = a.Int("hosts", 1_000);
        var requests = a.Int("requests", 200);
        var sessions = a.Int("sessions", 200);
        a.RejectUnknown();
        if (!File.Exists(vigil))
        {
            throw new ArgumentException($"{vigil} does not exist: build it (dotnet build -c Release src/Vigil) or pass --vigil");
        }
        var console = Console.Out;
        var dir = Directory.CreateTempSubdirectory("vigil-ui-bench-").FullName;
        console.WriteLine($"ui bench: {alerts} alerts, {probes} probes, {hosts} hosts; load {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");
        try
        {
            using var server = await BenchServer.StartAsync(vigil, dir, UiBenchConfig.Yaml(probes)).ConfigureAwait(false);
            await LoadAsync(server, alerts, hosts, console).ConfigureAwait(false);
            using var ui = await UiSessionClient.SignInAsync(server.Url, server.Token, 8).ConfigureAwait(false);
            var met = true;
            foreach (var page in Pages)
            {
                var summary = await TimeGetsAsync(ui, page, requests).ConfigureAwait(false);
                var target = page == "ui" ? 150 : page.StartsWith("ui/alerts", StringComparison.Ordinal) ? 300 : (double?)null;
                met &= target is null || summary.P99 <= target;
                console.WriteLine($"GET /{page}: {summary}" + (target is { } t ? $" (target p99 <= {t} ms: {(summary.P99 <= t ? "met" : "missed")})" : ""));
            }
            var paint = await UiPaint.FirstContentfulPaintAsync(server.Url, server.Token, 20).ConfigureAwait(false);
            met &= paint.P99 <= 1000;
            console.WriteLine($"first contentful paint of Now in Chromium: {paint} (target p99 <= 1000 ms: {(paint.P99 <= 1000 ? "met" : "missed")})");
            // Each open stream holds a connection: a client of its own with room for all of them.
            using var streams = await UiSessionClient.SignInAsync(server.Url, server.Token, sessions + 8).ConfigureAwait(false);
            met &= await UiStreams.RunAsync(server, streams, sessions, console).ConfigureAwait(false);
            console.WriteLine(met ? "all targets met" : "some targets missed");
            return met ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task LoadAsync(BenchServer server, int alerts, int hosts, TextWriter console)
    {
        var started = Stopwatch.GetTimestamp();
        var ingest = new IngestRunner(server.Admin, 4);
        var result = await ingest.RunAsync(IngestPlan.Create(AlertGenerator.NewRunId("ui"), alerts, 100), server.Pid, TimeSpan.FromMinutes(10), CancellationToken.None).ConfigureAwait(false);
        console.WriteLine($"loaded {result.AlertsAccepted} alerts in {result.Elapsed.TotalSeconds:F1} s");
        using var agents = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(60) };
        await Parallel.ForAsync(0, hosts, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var host = "h" + i.ToString("D4", CultureInfo.InvariantCulture);
            var (token, _) = await server.CreateAgentTokenAsync(host).ConfigureAwait(false);
            await new SimAgent(agents, host, token, TimeSpan.FromMinutes(5), TimeSpan.Zero).ReportAsync(ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        console.WriteLine($"{hosts} hosts reported; waiting for every probe's first run (interval 60 s)");
        // Probes start on their interval's grid: within 60 s each has run once and the customer-facing ones fail.
        var wait = TimeSpan.FromSeconds(65) - Stopwatch.GetElapsedTime(started);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, TimeProvider.System).ConfigureAwait(false);
        }
    }

    private static async Task<LatencySummary> TimeGetsAsync(HttpClient ui, string page, int requests)
    {
        for (var i = 0; i < 5; i++)
        {
            using var warm = await ui.GetAsync(page).ConfigureAwait(false);
            await warm.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        }
        var samples = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var t = Stopwatch.GetTimestamp();
            using var response = await ui.GetAsync(page).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            samples.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                return LatencySummary.Empty with { Count = -(int)response.StatusCode };
            }
        }
        return Percentiles.Summarize(samples);
    }
}
