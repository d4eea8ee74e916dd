using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Vigil.Bench.Cluster;

/// <summary>
/// <c>Vigil.Bench cluster --postgres CONN [--vigil PATH] [--changes 200]</c>: issue 14's shared-state target with two real
/// <c>vigil server</c> processes on one fresh PostgreSQL database. A silence (then a maintenance window) is created on node
/// A; the time from A's answer to the first moment node B serves it (polled every 2 ms) is one sample. Target: p99 ≤ 1 s.
/// </summary>
internal static class ClusterBench
{
    private const string Config = """
        route:
          receiver: ops
        receivers:
          - name: ops
        """;

    public static async Task<int> RunAsync(CommandArgs a, CancellationToken ct)
    {
        var server = a.Required("postgres");
        var vigil = a.String("vigil") ?? "src/Vigil/bin/Release/net10.0/vigil";
        var changes = a.Int("changes", 200);
        a.RejectUnknown();
        var database = "vigil_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        var postgres = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        var dir = Directory.CreateTempSubdirectory("vigil-cluster-bench-").FullName;
        var config = Path.Combine(dir, "vigil.yaml");
        await File.WriteAllTextAsync(config, Config, ct);
        Console.WriteLine($"cluster bench: load {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores; database {database}");
        var nodeA = new SystemUnderTest("Vigil node a", $"{vigil} server --config {{config}} --listen 127.0.0.1:{{port}} --data {{data}} --node a --postgres '{postgres}'", "{data}/admin.token");
        var nodeB = new SystemUnderTest("Vigil node b", $"{vigil} server --config {{config}} --listen 127.0.0.1:{{port}} --data {{data}} --node b --postgres '{postgres}'", null);
        using var a1 = await RunningServer.StartAsync(nodeA, config, Path.Combine(dir, "a"), Path.Combine(dir, "a.log"));
        using var b1 = await RunningServer.StartAsync(nodeB, config, Path.Combine(dir, "b"), Path.Combine(dir, "b.log"));
        using var httpA = BenchHttp.Create(a1.Url, a1.Token, 4, TimeSpan.FromSeconds(30));
        using var httpB = BenchHttp.Create(b1.Url, a1.Token, 4, TimeSpan.FromSeconds(30));

        var silences = new List<double>();
        for (var i = 0; i < changes; i++)
        {
            var now = TimeProvider.System.GetUtcNow();
            var body = $$"""{"matchers":[{"name":"alertname","value":"Bench{{i}}","isRegex":false}],"startsAt":"{{now:O}}","endsAt":"{{now.AddHours(1):O}}","createdBy":"bench","comment":"propagation"}""";
            using var created = await httpA.PostAsync("api/v2/silences", new StringContent(body, Encoding.UTF8, "application/json"), ct);
            var acked = Stopwatch.GetTimestamp();
            var id = JsonNode.Parse(await created.Content.ReadAsStringAsync(ct))!["silenceID"]!.ToString();
            silences.Add(await SeenAsync(httpB, $"api/v2/silence/{id}", acked, ct));
        }
        var windows = new List<double>();
        for (var i = 0; i < Math.Max(1, changes / 4); i++)
        {
            var body = $$"""{"targets":["host=\"bench-{{i}}\""],"expected":["alertname=\"Reboot\""],"start":"now","duration":"1h","watcher":"alice","backup":"bob"}""";
            using var created = await httpA.PostAsync("api/v1/maintenance", new StringContent(body, Encoding.UTF8, "application/json"), ct);
            var acked = Stopwatch.GetTimestamp();
            var text = await created.Content.ReadAsStringAsync(ct);
            var id = JsonNode.Parse(text)!["id"]?.ToString() ?? throw new InvalidOperationException("window refused: " + text);
            windows.Add(await SeenAsync(httpB, $"api/v1/maintenance/{id}", acked, ct));
        }
        Console.WriteLine($"silence created on a, served by b: {Percentiles.Summarize(silences)}");
        Console.WriteLine($"window created on a, served by b:  {Percentiles.Summarize(windows)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target p99 ≤ 1000 ms: {(Math.Max(Percentiles.Summarize(silences).P99, Percentiles.Summarize(windows).P99) <= 1000 ? "met" : "MISSED")}"));
        return 0;
    }

    /// <summary>Milliseconds from <paramref name="since"/> until <paramref name="path"/> answers 200, polled every 2 ms.</summary>
    private static async Task<double> SeenAsync(HttpClient http, string path, long since, CancellationToken ct)
    {
        while (true)
        {
            using var response = await http.GetAsync(path, ct);
            if (response.IsSuccessStatusCode)
            {
                return Stopwatch.GetElapsedTime(since).TotalMilliseconds;
            }
            if (Stopwatch.GetElapsedTime(since) > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"{path} not served by the other node after 30 s");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(2), TimeProvider.System, ct);
        }
    }
}
