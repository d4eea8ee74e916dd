using System.Globalization;
using Npgsql;

namespace Vigil.Bench.Cluster;

/// <summary>
/// <c>Vigil.Bench cluster-ingest --postgres CONN [--vigil PATH] [--alerts 100000] [--batch 100] [--concurrency 8]</c>:
/// issue 14's ingest target. The same generated alerts, the same senders, in one run: one node on SQLite, one node on
/// PostgreSQL, then three nodes on one PostgreSQL behind a real HAProxy (round robin per request). Reports alerts/s, the
/// nodes' CPU per alert, and the CPU of every <c>postgres</c> process on the machine meanwhile.
/// </summary>
internal static class ClusterIngestBench
{
    private const string Config = """
        route:
          receiver: none
          group_by: [alertname]
          group_wait: 30s
        receivers:
          - name: none
        server:
          limits:
            max_active_alerts: 10000000
        """;

    public static async Task<int> RunAsync(CommandArgs a, CancellationToken ct)
    {
        var server = a.Required("postgres");
        var vigil = a.String("vigil") ?? "src/Vigil/bin/Release/net10.0/vigil";
        var alerts = a.Int("alerts", 100_000);
        var batch = a.Int("batch", 100);
        var concurrency = a.Int("concurrency", 8);
        a.RejectUnknown();
        var dir = Directory.CreateTempSubdirectory("vigil-cluster-ingest-").FullName;
        var config = Path.Combine(dir, "vigil.yaml");
        await File.WriteAllTextAsync(config, Config, ct);
        Console.WriteLine($"cluster ingest bench: {alerts} alerts, batch {batch}, {concurrency} senders; load {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");

        var rows = new List<(string Setup, Vigil.Bench.IngestResult Result, double NodesCpu, double PostgresCpu)>();
        {
            var node = new SystemUnderTest("Vigil SQLite", $"{vigil} server --config {{config}} --listen 127.0.0.1:{{port}} --data {{data}}", "{data}/admin.token");
            using var s = await RunningServer.StartAsync(node, config, Path.Combine(dir, "sqlite"), Path.Combine(dir, "sqlite.log"));
            rows.Add(await MeasureAsync("1 node, SQLite", s.Url, s.Token, [s.Pid], alerts, batch, concurrency, ct));
        }
        {
            var postgres = await CreateDatabaseAsync(server, ct);
            var node = new SystemUnderTest("Vigil PostgreSQL", $"{vigil} server --config {{config}} --listen 127.0.0.1:{{port}} --data {{data}} --postgres '{postgres}'", "{data}/admin.token");
            using var s = await RunningServer.StartAsync(node, config, Path.Combine(dir, "pg1"), Path.Combine(dir, "pg1.log"));
            rows.Add(await MeasureAsync("1 node, PostgreSQL", s.Url, s.Token, [s.Pid], alerts, batch, concurrency, ct));
        }
        {
            var postgres = await CreateDatabaseAsync(server, ct);
            var nodes = new List<RunningServer>();
            try
            {
                foreach (var name in new[] { "a", "b", "c" })
                {
                    var node = new SystemUnderTest("Vigil node " + name,
                        $"{vigil} server --config {{config}} --listen 127.0.0.1:{{port}} --data {{data}} --node {name} --postgres '{postgres}'",
                        name == "a" ? "{data}/admin.token" : null);
                    nodes.Add(await RunningServer.StartAsync(node, config, Path.Combine(dir, "pg3-" + name), Path.Combine(dir, $"pg3-{name}.log")));
                }
                var lbPort = ProcessLauncher.FreePort();
                var lbConfig = Path.Combine(dir, "haproxy.cfg");
                await File.WriteAllTextAsync(lbConfig, $"""
                    global
                      maxconn 4096
                    defaults
                      mode http
                      timeout connect 5s
                      timeout client 120s
                      timeout server 120s
                    frontend vigil
                      bind 127.0.0.1:{lbPort}
                      default_backend nodes
                    backend nodes
                      balance roundrobin
                    {string.Join("\n", nodes.Select((n, i) => $"  server n{i} {n.Url.Authority}"))}

                    """, ct);
                using var lb = ProcessLauncher.Start($"haproxy -db -f {lbConfig}", Path.Combine(dir, "haproxy.log"));
                var lbUrl = new Uri($"http://127.0.0.1:{lbPort}/");
                await WaitListeningAsync(lbUrl, ct);
                rows.Add(await MeasureAsync("3 nodes, PostgreSQL, behind HAProxy", lbUrl, nodes[0].Token, [.. nodes.Select(n => n.Pid)], alerts, batch, concurrency, ct));
            }
            finally
            {
                foreach (var n in nodes)
                {
                    n.Dispose();
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| setup | alerts/s | request p99 | nodes' CPU per alert | PostgreSQL CPU per alert | errors |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (setup, r, nodesCpu, pgCpu) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {setup} | {r.AlertsPerSecond:F0} | {r.RequestLatency.P99:F1} ms | {nodesCpu * 1e6 / Math.Max(1, r.AlertsAccepted):F1} µs | {pgCpu * 1e6 / Math.Max(1, r.AlertsAccepted):F1} µs | {r.ErrorText} |"));
        }
        return rows.All(r => r.Result.ErrorCount == 0) ? 0 : 1;
    }

    private static async Task<(string, Vigil.Bench.IngestResult, double, double)> MeasureAsync(string setup, Uri url, string? token, int[] pids,
        int alerts, int batch, int concurrency, CancellationToken ct)
    {
        using var client = BenchHttp.Create(url, token, concurrency, TimeSpan.FromSeconds(120));
        // Warm-up (JIT, connection pools), not counted.
        await new IngestRunner(client, concurrency).RunAsync(IngestPlan.Create(AlertGenerator.NewRunId("w"), 2_000, batch), null, TimeSpan.FromMinutes(2), ct);
        var plan = IngestPlan.Create(AlertGenerator.NewRunId("c"), alerts, batch);
        var nodesBefore = pids.Sum(p => ProcessStats.TryCpuSeconds(p) ?? 0);
        var pgBefore = PostgresCpu();
        var result = await new IngestRunner(client, concurrency).RunAsync(plan, null, TimeSpan.FromMinutes(10), ct);
        var nodes = pids.Sum(p => ProcessStats.TryCpuSeconds(p) ?? 0) - nodesBefore;
        var pg = PostgresCpu() - pgBefore;
        Console.WriteLine($"{setup}:\n{result}");
        return (setup, result, nodes, pg);
    }

    /// <summary>CPU seconds of every process named <c>postgres</c> now (the shared database server and its backends).</summary>
    private static double PostgresCpu()
    {
        var total = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() == "postgres")
                    {
                        total += ProcessStats.TryCpuSeconds(pid) ?? 0;
                    }
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
        return total;
    }

    private static async Task<string> CreateDatabaseAsync(string server, CancellationToken ct)
    {
        var database = "vigil_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync(ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
        await create.ExecuteNonQueryAsync(ct);
        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
    }

    private static async Task WaitListeningAsync(Uri url, CancellationToken ct)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(url, "-/healthy"), ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, ct);
        }
        throw new InvalidOperationException($"HAProxy did not answer on {url}");
    }
}
