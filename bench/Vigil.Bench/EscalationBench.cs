using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>
/// Issue 4's escalation target against a real server: N distinct alerts, each its own group with
/// <c>group_wait: 0s</c> on a receiver that pages a two-level policy, open N pages at (nearly) the same time; level 1
/// pages person "first", and when its <c>ack_timeout</c> passes for all of them the engine escalates them to level 2
/// (person "second"). Both people have a webhook contact method pointing at the in-process sink. A step's lag is
/// the time from the page's deadline (<c>createdAt + ack_timeout</c>, from <c>GET /api/v1/pages/{id}</c>) to the
/// level-2 webhook's arrival at the sink; the claim lag is the same deadline to the <c>escalated</c> event's time,
/// and the server's own <c>vigil_escalation_step_lag_seconds</c> histogram is read from <c>/metrics</c>.
/// </summary>
internal sealed class EscalationBench(EscalationBenchOptions options, TextWriter console)
{
    public const string Heading = "## Escalation: 10,000 pages at once";
    private const int Senders = 4;
    private const int Batch = 100;
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(120);

    public async Task<string> RunAsync(CancellationToken cancel)
    {
        var result = await MeasureAsync(cancel).ConfigureAwait(false);
        var section = result.Markdown();
        if (options.OutPath is { } path)
        {
            await AppendSectionAsync(path, section, result.Title, cancel).ConfigureAwait(false);
            console.WriteLine($"section written to {path}");
        }

        return section;
    }

    /// <summary>Runs the bench on a fresh server and data folder and prints what it measured.</summary>
    public async Task<EscalationResult> MeasureAsync(CancellationToken cancel)
    {
        var work = Directory.CreateTempSubdirectory("vigil-escbench-");
        var result = await MeasureInAsync(work, cancel).ConfigureAwait(false);
        // Measured (and its server stopped): the data folder goes, the log stays.
        BenchFolders.RemoveData(work.FullName);
        return result;
    }

    private async Task<EscalationResult> MeasureInAsync(DirectoryInfo work, CancellationToken cancel)
    {
        await using var sink = await WebhookSink.StartAsync(0).ConfigureAwait(false);
        var config = Path.Combine(work.FullName, "escalation.yml");
        await File.WriteAllTextAsync(config, Yaml(sink.BaseUrl, options.AckTimeout), cancel).ConfigureAwait(false);
        console.WriteLine($"work dir {work.FullName}, sink {sink.BaseUrl}");

        EscalationResult result;
        var system = new SystemUnderTest(SystemUnderTest.VigilName, options.VigilCommand, options.TokenFile);
        var data = Path.Combine(work.FullName, "data");
        using var server = await StartAsync(system, config, data, Path.Combine(work.FullName, "server.log")).ConfigureAwait(false);
        using var client = server.Client(Senders);
        using var sampler = new CpuSampler(server.Pid);
        try
        {
            var first = sink.PagesFor("first");
            var second = sink.PagesFor("second");

            // Open the pages: N alerts, each its own group, posted in batches by a few senders.
            var bodies = Bodies(AlertGenerator.NewRunId("e"), options.Pages);
            var posting = Stopwatch.StartNew();
            await PostAllAsync(client, bodies, cancel).ConfigureAwait(false);
            var posted = posting.Elapsed;
            console.WriteLine($"posted {options.Pages} alerts in {posted.TotalSeconds:F2}s");

            await WaitForAsync(() => first.Count >= options.Pages, options.AckTimeout + Slack, cancel).ConfigureAwait(false);
            var levelOneDone = TimeProvider.System.GetUtcNow();
            console.WriteLine($"level 1 delivered for {first.Count}/{options.Pages} pages {posting.Elapsed.TotalSeconds:F2}s after the first POST");

            DateTimeOffset? resumed = null;
            if (options.AtOnce)
            {
                // Every page was created after the first POST began, so no deadline has passed yet if this holds.
                if (posting.Elapsed >= options.AckTimeout - TimeSpan.FromSeconds(1))
                {
                    throw new InvalidOperationException($"opening the pages took {posting.Elapsed.TotalSeconds:F1}s, too close to the ack timeout: raise --ack-timeout-s");
                }

                // Freeze the (warm) server before the first deadline and let it go after the last: every page was
                // created before its level-1 webhook arrived, so by then all N steps are due at once.
                var resumeAt = levelOneDone + options.AckTimeout + TimeSpan.FromSeconds(1);
                await SignalAsync("STOP", server.Pid, cancel).ConfigureAwait(false);
                try
                {
                    console.WriteLine($"server paused (SIGSTOP) before the first deadline; resuming it at {resumeAt:HH:mm:ss.fff}, after the last deadline");
                    // The last seconds of the pause: the server is stopped and this process waits, so what keeps the
                    // cores busy is something else that will also run during the burst.
                    await Task.Delay(Until(resumeAt - TimeSpan.FromSeconds(3)), TimeProvider.System, cancel).ConfigureAwait(false);
                    var before = MachineLoad.Read();
                    await Task.Delay(Until(resumeAt), TimeProvider.System, cancel).ConfigureAwait(false);
                    if (MachineLoad.BusyShare(before, MachineLoad.Read()) is { } others)
                    {
                        console.WriteLine($"other processes kept {others:P0} of the machine's {Environment.ProcessorCount} cores busy in the pause's last 3 s" +
                            (others > 0.05 ? ": not idle, the burst will be slower than on an idle machine" : ""));
                    }
                }
                finally
                {
                    await SignalAsync("CONT", server.Pid, CancellationToken.None).ConfigureAwait(false);
                    resumed = TimeProvider.System.GetUtcNow();
                }
            }

            await WaitForAsync(() => second.Count >= first.Count, options.AckTimeout + Slack, cancel).ConfigureAwait(false);
            console.WriteLine($"level 2 delivered for {second.Count}/{first.Count} pages");
            var cpuSamples = sampler.Stop();

            var histogram = await StepLagHistogram.ReadAsync(client, cancel).ConfigureAwait(false);
            var pages = await ReadPagesAsync(client, first.Keys.ToArray(), cancel).ConfigureAwait(false);

            // Live: a step is late from its deadline. At once: from the moment the paused server was let go (every
            // deadline had passed by then; the pause itself is not escalation lag).
            DateTimeOffset From(DateTimeOffset deadline) => resumed is { } r && r > deadline ? r : deadline;
            result = new EscalationResult
            {
                Options = options,
                Posted = posted,
                LevelOneDelivered = first.Count,
                LevelTwoDelivered = second.Count,
                FirstDeadline = pages.Min(p => p.Deadline),
                LastDeadline = pages.Max(p => p.Deadline),
                ResumedAt = resumed,
                LastArrival = second.Values.DefaultIfEmpty().Max(),
                SinkLag = Percentiles.Summarize(pages.Where(p => second.ContainsKey(p.Id)).Select(p => (second[p.Id] - From(p.Deadline)).TotalMilliseconds)),
                ClaimLag = Percentiles.Summarize(pages.Where(p => p.Escalated is not null).Select(p => (p.Escalated!.Value - From(p.Deadline)).TotalMilliseconds)),
                Histogram = histogram,
                Cpu = cpuSamples,
                Memory = ProcessStats.TryMemory(server.Pid),
            };
        }
        finally
        {
            sampler.Dispose();
        }

        console.WriteLine(result.Console());
        return result;
    }

    /// <summary>The time left until <paramref name="at"/>, or none if it has passed.</summary>
    private static TimeSpan Until(DateTimeOffset at)
    {
        var left = at - TimeProvider.System.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static async Task SignalAsync(string signal, int pid, CancellationToken cancel)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancel).ConfigureAwait(false);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} failed with {kill.ExitCode}");
        }
    }

    private async Task<RunningServer> StartAsync(SystemUnderTest system, string config, string data, string log)
    {
        var server = await RunningServer.StartAsync(system, config, data, log).ConfigureAwait(false);
        console.WriteLine($"server ready in {server.Startup.TotalSeconds:F2}s at {server.Url} (pid {server.Pid}); log {log}");
        return server;
    }

    private static async Task PostAllAsync(HttpClient client, List<byte[]> bodies, CancellationToken cancel)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                using var content = new ByteArrayContent(bodies[i]);
                content.Headers.ContentType = new("application/json");
                using var response = await client.PostAsync("api/v2/alerts", content, cancel).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"POST /api/v2/alerts answered {(int)response.StatusCode}");
                }
            }
        })).ConfigureAwait(false);
    }

    /// <summary>Each page's deadline (<c>createdAt</c> + ack timeout) and when it escalated; read after the run so the reads do not load the server during it.</summary>
    private async Task<List<(long Id, DateTimeOffset Deadline, DateTimeOffset? Escalated)>> ReadPagesAsync(HttpClient client, long[] ids, CancellationToken cancel)
    {
        var pages = new ConcurrentBag<(long Id, DateTimeOffset Deadline, DateTimeOffset? Escalated)>();
        var at = -1;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref at)) < ids.Length)
            {
                using var doc = JsonDocument.Parse(await client.GetStringAsync($"api/v1/pages/{ids[i]}", cancel).ConfigureAwait(false));
                var root = doc.RootElement;
                var escalated = root.GetProperty("events").EnumerateArray()
                    .Where(e => e.GetProperty("kind").GetString() == "escalated")
                    .Select(e => (DateTimeOffset?)e.GetProperty("at").GetDateTimeOffset()).FirstOrDefault();
                pages.Add((ids[i], root.GetProperty("createdAt").GetDateTimeOffset() + options.AckTimeout, escalated));
            }
        })).ConfigureAwait(false);
        return [.. pages];
    }

    /// <summary>
    /// Puts the run's subsection into <paramref name="path"/> under <see cref="Heading"/>: replaces an earlier run's
    /// subsection of the same title, else adds it at the end of the section (the section is appended when missing).
    /// </summary>
    private static async Task AppendSectionAsync(string path, string subsection, string title, CancellationToken cancel)
    {
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path, cancel).ConfigureAwait(false) : "";
        var start = text.IndexOf("\n" + Heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            text = text.TrimEnd('\n') + (text.Length > 0 ? "\n\n" : "") + Heading + "\n\n" + Intro + "\n" + subsection;
        }
        else
        {
            var end = text.IndexOf("\n## ", start + Heading.Length + 1, StringComparison.Ordinal);
            end = end < 0 ? text.Length : end + 1;
            var own = text.IndexOf("\n### " + title + "\n", start, end - start, StringComparison.Ordinal);
            if (own >= 0)
            {
                var after = text.IndexOf("\n### ", own + 5, end - own - 5, StringComparison.Ordinal);
                var stop = after < 0 ? end : after + 1;
                text = text[..(own + 1)] + subsection + (stop < text.Length ? "\n" : "") + text[stop..];
            }
            else
            {
                var body = text[..end].TrimEnd('\n');
                text = body + "\n\n" + subsection + (end < text.Length ? "\n" : "") + text[end..];
            }
        }

        await File.WriteAllTextAsync(path, text, cancel).ConfigureAwait(false);
    }

    private static string Intro => """
        Issue 4's target: 10,000 open pages escalating at once, p99 lag of a step after its deadline ≤ 1 s. `escalation`
        starts the built `vigil server` (temp data dir, SQLite) with a policy whose level 1 pages person `first`
        (`ack_timeout: 30s`) and level 2 person `second`, both with one webhook contact method to a sink in the bench
        process; posts 10,000 distinct alerts (batches of 100, 4 senders), each its own group (`group_by: [esc_id]`,
        `group_wait: 0s`) on a receiver with `vigil_configs: [{policy: bench}]`; and waits for the level-2 webhooks. Each
        page's deadline comes from `GET /api/v1/pages/{id}` (`createdAt` + ack_timeout), its claim time from its
        `escalated` event; sink and server share the host's clock. Server CPU is read from `/proc/PID/stat`.

        """;

    private static async Task WaitForAsync(Func<bool> done, TimeSpan limit, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        while (!done() && clock.Elapsed < limit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>N alerts <c>alertname=EscalationBench, esc_id=RUN-i</c>, in JSON arrays of <see cref="Batch"/>.</summary>
    private static List<byte[]> Bodies(string runId, int count)
    {
        var startsAt = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var bodies = new List<byte[]>();
        for (var first = 0; first < count; first += Batch)
        {
            var json = new StringBuilder("[");
            for (var i = first; i < Math.Min(count, first + Batch); i++)
            {
                json.Append(i == first ? "" : ",").Append(CultureInfo.InvariantCulture,
                    $$"""{"labels":{"alertname":"EscalationBench","esc_id":"{{runId}}-{{i:D6}}","severity":"critical"},"annotations":{"summary":"escalation bench page {{i}}"},"startsAt":"{{startsAt}}"}""");
            }

            bodies.Add(Encoding.UTF8.GetBytes(json.Append(']').ToString()));
        }

        return bodies;
    }

    public static string Yaml(Uri sinkUrl, TimeSpan ackTimeout)
    {
        var sink = sinkUrl.ToString().TrimEnd('/');
        return $"""
            # Written by Vigil.Bench escalation.
            global:
              resolve_timeout: 1h
            route:
              receiver: pager
              group_by: [esc_id]
              group_wait: 0s
              group_interval: 5m
              repeat_interval: 4h
            receivers:
              - name: pager
                vigil_configs: [{"{"}policy: bench{"}"}]
            escalation_policies:
              - name: bench
                levels:
                  - targets: [{"{"}person: first{"}"}]
                    ack_timeout: {(int)ackTimeout.TotalSeconds}s
                  - targets: [{"{"}person: second{"}"}]
                    ack_timeout: 1h
            people:
              - name: first
                contact_methods: [{"{"}type: webhook, url: "{sink}/page/first"{"}"}]
              - name: second
                contact_methods: [{"{"}type: webhook, url: "{sink}/page/second"{"}"}]

            """;
    }
}
