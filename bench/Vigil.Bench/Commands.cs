using System.Globalization;

namespace Vigil.Bench;

/// <summary>One method per command: read options, run, print.</summary>
internal static class Commands
{
    private static readonly TimeSpan MaxIngest = TimeSpan.FromMinutes(10);

    public static async Task<int> IngestAsync(CommandArgs a, CancellationToken cancel)
    {
        var url = BenchHttp.LoopbackUrl(a.Required("url"));
        var token = Token(a);
        var alerts = a.Int("alerts", 100_000);
        var batch = a.Int("batch", 100);
        var concurrency = a.Int("concurrency", 4);
        var pid = Pid(a, url);
        a.RejectUnknown();
        var plan = IngestPlan.Create(AlertGenerator.NewRunId("i"), alerts, batch);
        Console.WriteLine($"ingest: {alerts} alerts, batch {batch}, {concurrency} senders, avg body {plan.Bodies.Average(b => b.Length):F0} bytes, server pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}");
        using var client = BenchHttp.Create(url, token, concurrency, TimeSpan.FromSeconds(120));
        var runner = new IngestRunner(client, concurrency);
        var slices = new IngestSlices(runner, Math.Min(100_000, Math.Max(1, alerts / 10)), pid);
        var running = runner.RunAsync(plan, pid, MaxIngest, cancel);
        await slices.WatchAsync(running);
        var result = await running;
        Console.WriteLine(result);
        Console.WriteLine(slices);
        return result.ErrorCount == 0 ? 0 : 1;
    }

    public static async Task<int> LatencyAsync(CommandArgs a, CancellationToken cancel)
    {
        var sinkPort = a.Int("sink-port", 0);
        if (a.Has("print-config"))
        {
            a.RejectUnknown();
            Console.Write(ConfigWriter.Yaml(new Uri($"http://127.0.0.1:{sinkPort}/")));
            return 0;
        }

        var url = BenchHttp.LoopbackUrl(a.Required("url"));
        var token = Token(a);
        var samples = a.Int("samples", 200);
        var duringIngest = a.Int("during-ingest", 0);
        var interval = TimeSpan.FromMilliseconds(a.Int("interval-ms", 10));
        var timeout = TimeSpan.FromSeconds(a.Int("timeout-s", 30));
        var samplesOut = a.String("samples-out");
        a.RejectUnknown();

        await using var sink = await WebhookSink.StartAsync(sinkPort);
        Console.WriteLine($"webhook sink at {sink.BaseUrl} (the server's LatencyProbe route must point at {sink.BaseUrl}probe)");
        using var probeClient = BenchHttp.Create(url, token, 16, TimeSpan.FromSeconds(60));
        var runner = new LatencyRunner(probeClient, sink, interval, timeout);
        await runner.RunAsync(5, () => true, cancel); // warm-up, not counted
        var idle = await runner.RunAsync(samples, () => true, cancel);
        Console.WriteLine($"idle:          {idle}");
        if (samplesOut is not null)
        {
            // One line per idle probe: sequence, sent (ms after the first), POST answered after (ms), webhook arrived after (ms);
            // the probes sent during an ingest go to FILE.during-ingest.
            await File.WriteAllLinesAsync(samplesOut, ["seq\tsent_ms\tpost_ms\ttotal_ms", .. idle.Samples.Select(s => s.ToTsv())], cancel);
        }
        if (duringIngest > 0)
        {
            var plan = IngestPlan.Create(AlertGenerator.NewRunId("l"), duringIngest, 100);
            using var ingestClient = BenchHttp.Create(url, token, 4, TimeSpan.FromSeconds(120));
            var ingesting = new IngestRunner(ingestClient, 4).RunAsync(plan, null, MaxIngest, cancel);
            var loaded = await runner.RunAsync(samples * 50, () => !ingesting.IsCompleted, cancel);
            var ingest = await ingesting;
            Console.WriteLine($"during ingest: {loaded}");
            if (samplesOut is not null)
            {
                await File.WriteAllLinesAsync(samplesOut + ".during-ingest", ["seq\tsent_ms\tpost_ms\ttotal_ms", .. loaded.Samples.Select(s => s.ToTsv())], cancel);
            }
            Console.WriteLine($"ingest meanwhile ({duringIngest} alerts, batch 100, 4 senders):\n{ingest}");
        }

        return idle.Latency.Count > 0 ? 0 : 1;
    }

    public static int Config(CommandArgs a)
    {
        var sink = BenchHttp.LoopbackUrl(a.Required("sink-url"));
        a.RejectUnknown();
        Console.Write(ConfigWriter.Yaml(sink));
        return 0;
    }

    public static int Rss(CommandArgs a)
    {
        var pid = a.Has("pid") ? a.Int("pid", 0) : PortOwner.FindPid(BenchHttp.LoopbackUrl(a.Required("url")));
        a.RejectUnknown();
        var memory = pid is { } p ? ProcessStats.TryMemory(p) : null;
        Console.WriteLine(memory?.ToString() ?? "process not found");
        return memory is null ? 1 : 0;
    }

    public static async Task<int> QueryAsync(CommandArgs a, CancellationToken cancel)
    {
        var url = BenchHttp.LoopbackUrl(a.Required("url"));
        var token = Token(a);
        var duringIngest = a.Int("during-ingest", 0);
        var ingestRate = a.Int("ingest-rate", 0);
        var runs = a.Int("runs", 1);
        var pid = Pid(a, url);
        a.RejectUnknown();
        var results = await new QueryBench(url, token, pid, Console.Out).RunAsync(runs, 0, 0, cancel);
        if (duringIngest > 0)
        {
            Console.WriteLine("during ingest:");
            await new QueryBench(url, token, pid, Console.Out).RunAsync(runs, duringIngest, ingestRate, cancel);
        }

        return results.All(r => r.Query.Status == 200) ? 0 : 1;
    }

    public static async Task<int> CompareAsync(CommandArgs a, IReadOnlyList<string> raw, CancellationToken cancel)
    {
        var only = a.String("only");
        var vigilCmd = a.String("vigil-cmd");
        var systems = new List<SystemUnderTest>();
        if (only is null or "alertmanager")
        {
            systems.Add(SystemUnderTest.Alertmanager(a.String("am-bin") ?? "/usr/bin/prometheus-alertmanager", a.String("amtool") ?? "/usr/bin/amtool"));
        }

        if (only is null or "vigil")
        {
            if (vigilCmd is null)
            {
                throw new ArgumentException("--vigil-cmd is required unless --only alertmanager");
            }

            systems.Add(SystemUnderTest.Vigil(vigilCmd, a.String("vigil-token-file"), a.String("vigil-cli") ?? SystemUnderTest.Executable(vigilCmd)));
        }
        else if (only != "alertmanager")
        {
            throw new ArgumentException("--only takes 'alertmanager' or 'vigil'");
        }

        var options = new CompareOptions
        {
            Systems = systems,
            Runs = a.Int("runs", 5),
            Alerts = a.Int("alerts", 100_000),
            SingleAlerts = a.Int("single-alerts", 20_000),
            Million = a.Int("million", 1_000_000),
            Escalations = a.Int("escalations", 10_000),
            CliInvocations = a.Int("cli-runs", 5),
            Samples = a.Int("samples", 200),
            OutPath = a.String("out"),
            SinkPort = a.Int("sink-port", 0),
            CommandLine = "dotnet run -c Release --project bench/Vigil.Bench -- " + string.Join(' ', raw.Select(Quote)),
        };
        if (options.Runs < 1 || options.Million < 0 || options.Escalations < 0 || options.CliInvocations < 0)
        {
            throw new ArgumentException("--runs must be at least 1; --million, --escalations and --cli-runs at least 0");
        }

        a.RejectUnknown();
        var report = await new CompareRunner(options, Console.Out).RunAsync(cancel);
        Console.WriteLine();
        Console.WriteLine(report);
        return 0;
    }

    public static async Task<int> EscalationAsync(CommandArgs a, IReadOnlyList<string> raw, CancellationToken cancel)
    {
        var options = new EscalationBenchOptions
        {
            Pages = a.Int("pages", 10_000),
            AckTimeout = TimeSpan.FromSeconds(a.Int("ack-timeout-s", 30)),
            VigilCommand = a.String("vigil-cmd") ?? EscalationBenchOptions.DefaultVigilCommand,
            TokenFile = a.String("vigil-token-file") ?? "{data}/admin.token",
            AtOnce = a.Has("at-once"),
            OutPath = a.String("out"),
            CommandLine = "dotnet run -c Release --project bench/Vigil.Bench -- " + string.Join(' ', raw.Select(Quote)),
        };
        a.RejectUnknown();
        if (options.Pages < 1 || options.AckTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("--pages and --ack-timeout-s must be at least 1");
        }

        var result = await new EscalationBench(options, Console.Out).RunAsync(cancel);
        Console.WriteLine();
        Console.WriteLine(result);
        return 0;
    }

    public static int Help()
    {
        Console.WriteLine("""
            usage: Vigil.Bench <command> [options]
              ingest  --url U [--token T|--token-file F] [--alerts 100000] [--batch 100] [--concurrency 4] [--pid PID]
                      (also the rate and server CPU of each slice of 100k alerts, a tenth for smaller runs, and last/first)
              latency --url U [--token T] [--samples 200] [--sink-port 0] [--during-ingest N] [--interval-ms 10] [--timeout-s 30] [--samples-out FILE]
              latency --print-config --sink-port P
              config  --sink-url http://127.0.0.1:PORT/
              rss     --pid PID | --url U
              query   --url U [--token T|--token-file F] [--runs 1] [--during-ingest N] [--ingest-rate 0] [--pid PID]
                      (GET /api/v2/alerts: total, first byte, server CPU, RSS before/after, /-/ready polled every 10 ms; with --during-ingest, again while N alerts are posted,
                       as fast as 4 senders can or, with --ingest-rate, at that many alerts/s on a fixed schedule, with the posts' latency during the GET)
              get-alerts [--alerts 1000000] [--rounds 5]   (in-process parts of GET /api/v2/alerts, CPU time each, one thread)
              oncall  [--queries 1000000]   (in-process who-is-on-call lookup)
              templates [--seconds 5]       (in-process default Slack message rendering, one thread)
              alert-table [--alerts 1000000] [--rounds 3]  (in-process: the live alerts' table, Get + Set per alert, one thread)
              parse   [--alerts 200000] [--batch 100] [--rounds 5]  (in-process, one thread: POST /api/v2/alerts bodies read into alerts — labels, string pool, fingerprints — then their snapshot encoding)
              pool-read [--servers 500] [--rounds 200]  (a real HAProxy: one read of a pool as plan gates and waits make it — show stat + show servers state — and the two parses alone)
              compare [--only alertmanager|vigil] [--vigil-cmd "CMD with {config} {port} {data}"] [--vigil-token-file "{data}/admin.token"]
                      [--vigil-cli EXECUTABLE (default: --vigil-cmd's first word)] [--am-bin /usr/bin/prometheus-alertmanager] [--amtool /usr/bin/amtool]
                      [--runs 5] [--alerts 100000] [--single-alerts 20000] [--million 1000000 (0 skips)] [--escalations 10000 (0 skips)]
                      [--cli-runs 5] [--samples 200] [--sink-port 0] [--out FILE]
                      (issue 15's rows, medians of the runs with their spread, Vigil/AM ratios and the targets; one run with the defaults takes ~17 min on the shared 2-core machine)
              probe-latency [--system vigil|prometheus] [--vigil-cmd "CMD with {config} {port} {data}"] [--vigil-token-file "{data}/admin.token"] [--kills 20]
              probes-scale  [--system vigil|blackbox] [--vigil-cmd ...] [--vigil-token-file ...] [--probes 10000] [--interval-s 30] [--window-s 60]
              escalation [--pages 10000] [--ack-timeout-s 30] [--at-once] [--vigil-cmd "CMD with {config} {port} {data}"]
                      [--vigil-token-file "{data}/admin.token"] [--out docs/benchmarks.md]   (appends or replaces its section)
              plans   [--scenario all|rolling|postboot|gate|scale|codec] [--vigil src/Vigil/bin/Release/net10.0/vigil] [--rate 50] [--runs 1]
                      [--trials 5] [--hosts 500] [--serial 50] [--alerts 2000] [--interval-s 10] [--reboot-s 2] [--stats-maxconn 200]
                      (issue 9's targets: real server, real HAProxy, real agents; simulated agents at scale; with scale, --runs N runs the plan N times on one server)
              incidents [--vigil src/Vigil/bin/Release/net10.0/vigil] [--trials 20] [--for-s 2]
                      (issue 10's auto-open target: customer alert → incident opened and commander paged after the rule's for)
              incident-timeline [--vigil src/Vigil/bin/Release/net10.0/vigil] [--entries 10000] [--reads 30]
                      (issue 10's timeline and postmortem targets: GET of an incident with 10,000 timeline entries)
              status-page --url U [--token T|--token-file F] [--rate 500] [--seconds 20] [--during-ingest 1000000] [--ingest-rate 0]
                      (GET /status/summary.json open loop while alerts are ingested — as fast as possible, or --ingest-rate alerts/s; the server needs status_page components)
              ui      [--vigil src/Vigil/bin/Release/net10.0/vigil] [--alerts 100000] [--probes 10000] [--hosts 1000] [--requests 200] [--sessions 200]
                      (issue 12's targets: each UI page's complete HTML, Now's first paint in Chromium, 200 live-update streams)
              ui-alerts --url U (--token T|--token-file F) [--alerts 100000] [--samples 200]
                      (issue 12's alert list targets: loads the alerts, signs in, GETs the first page and filter changes one at a time)
              demo    [--vigil src/Vigil/bin/Release/net10.0/vigil] [--runs 5]
                      (issue 13's target: `vigil demo` from the command to a usable UI — sign-in page and every simulated host reporting)
              drill   [--runs 5] [--days 30] [--hosts 50]
                      (issue 13's targets, in process: the seed's night in each mode ≤ 5 s; a soak of 50 hosts × 30 days ≥ 10,000× real time)
              cluster --postgres CONN [--vigil src/Vigil/bin/Release/net10.0/vigil] [--changes 200]
                      (issue 14's shared-state target: a silence or window made on node a is served by node b within 1 s, p99)
              cluster-ingest --postgres CONN [--vigil src/Vigil/bin/Release/net10.0/vigil] [--alerts 100000] [--batch 100] [--concurrency 8]
                      (issue 14's ingest target: 1 node on SQLite, 1 on PostgreSQL, 3 on PostgreSQL behind HAProxy: alerts/s and CPU per alert)
              cluster-kill [--postgres CONN] [--vigil src/Vigil/bin/Release/net10.0/vigil] [--am-bin /usr/bin/prometheus-alertmanager] [--kills 20] [--every-s 6] [--only vigil|alertmanager]
                      (issue 14's node-loss target beside a 3-member Alertmanager gossip cluster: groups lost and duplicated across kill -9 + restart)
            """);
        return 2;
    }

    private static string? Token(CommandArgs a) =>
        a.String("token") ?? (a.String("token-file") is { } f ? File.ReadAllText(f).Trim() : null);

    private static int? Pid(CommandArgs a, Uri url) => a.Has("pid") ? a.Int("pid", 0) : PortOwner.FindPid(url);

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@".Contains(c, StringComparison.Ordinal)) ? arg : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
