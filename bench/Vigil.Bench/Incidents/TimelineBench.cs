using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Vigil.Bench.Incidents;

/// <summary>
/// <c>incident-timeline</c>: issue 10's timeline and postmortem targets against the real built server. One incident gets
/// <c>--entries</c> notes (posted 8 at a time), then <c>GET /api/v1/incidents/{id}/timeline</c>, <c>GET /api/v1/incidents/{id}</c>
/// and <c>GET /api/v1/incidents/{id}/postmortem?tz=America/Los_Angeles</c> are each timed <c>--reads</c> times, one after another.
/// </summary>
internal static class TimelineBench
{
    public static async Task<int> RunAsync(CommandArgs a)
    {
        var vigil = Path.GetFullPath(a.String("vigil") ?? AutoOpenBench.DefaultVigil);
        var entries = a.Int("entries", 10_000);
        var reads = a.Int("reads", 30);
        a.RejectUnknown();
        if (!File.Exists(vigil))
        {
            throw new ArgumentException($"{vigil} does not exist: build it (dotnet build -c Release src/Vigil) or pass --vigil");
        }
        var console = Console.Out;
        console.WriteLine($"incident-timeline bench: {vigil}; load {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");
        var work = Directory.CreateTempSubdirectory("vigil-timelinebench-");
        var config = Path.Combine(work.FullName, "vigil.yml");
        await File.WriteAllTextAsync(config, "route:\n  receiver: none\nreceivers:\n  - name: none\n").ConfigureAwait(false);
        var system = new SystemUnderTest(SystemUnderTest.VigilName, vigil + " server --config {config} --listen 127.0.0.1:{port} --data {data}", "{data}/admin.token");
        using var server = await RunningServer.StartAsync(system, config, Path.Combine(work.FullName, "data"), Path.Combine(work.FullName, "server.log")).ConfigureAwait(false);
        using var client = server.Client(8);

        using var opened = await client.PostAsync("api/v1/incidents", JsonContent.Create(new JsonObject { ["title"] = "Site down", ["severity"] = "SEV1" })).ConfigureAwait(false);
        opened.EnsureSuccessStatusCode();
        var id = JsonNode.Parse(await opened.Content.ReadAsStringAsync().ConfigureAwait(false))!["id"]!.ToString();
        var filling = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) <= entries)
            {
                using var r = await client.PostAsync($"api/v1/incidents/{id}/notes", JsonContent.Create(new JsonObject { ["text"] = $"note {n}: checked the load balancer again" })).ConfigureAwait(false);
                r.EnsureSuccessStatusCode();
            }
        })).ConfigureAwait(false);
        console.WriteLine($"{entries} notes posted in {filling.Elapsed.TotalSeconds:F1} s");

        foreach (var (name, path) in new[]
        {
            ("GET timeline", $"api/v1/incidents/{id}/timeline"),
            ("GET incident (with its timeline)", $"api/v1/incidents/{id}"),
            ("GET postmortem (md, America/Los_Angeles)", $"api/v1/incidents/{id}/postmortem?tz=America/Los_Angeles"),
        })
        {
            var times = new List<double>();
            long bytes = 0;
            for (var i = 0; i < reads + 2; i++)
            {
                var watch = Stopwatch.StartNew();
                var body = await client.GetByteArrayAsync(path).ConfigureAwait(false);
                if (i >= 2)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
                bytes = body.Length;
            }
            console.WriteLine($"{name}: {Percentiles.Summarize(times)} ({bytes / 1024} KiB; first 2 reads not counted)");
        }
        console.WriteLine("targets: timeline of 10,000 entries GET ≤ 200 ms; postmortem generation ≤ 500 ms");
        return 0;
    }
}
