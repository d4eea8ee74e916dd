using System.Globalization;
using System.Text;
using Npgsql;

namespace Vigil.Bench.Cluster;

/// <summary>
/// <c>Vigil.Bench cluster-kill --postgres CONN [--vigil PATH] [--am-bin /usr/bin/prometheus-alertmanager] [--kills 20]
/// [--every-s 6] [--only vigil|alertmanager]</c>: issue 14's node-loss target, side by side with Alertmanager 0.25's
/// gossip cluster. Three members on loopback; a stream of new alerts (one group each, a new one every 100 ms), each
/// sent to every member as Prometheus does, and the firing ones sent again every 5 s. Every few seconds a member picked
/// at random is killed with SIGKILL and started again on its data. Afterwards: groups never notified (lost) and groups
/// notified more than once (duplicated).
/// </summary>
internal static class KillBench
{
    public static async Task<int> RunAsync(CommandArgs a, CancellationToken ct)
    {
        var server = a.String("postgres");
        var vigil = a.String("vigil") ?? "src/Vigil/bin/Release/net10.0/vigil";
        var amBin = a.String("am-bin") ?? "/usr/bin/prometheus-alertmanager";
        var kills = a.Int("kills", 20);
        var every = TimeSpan.FromSeconds(a.Int("every-s", 6));
        var only = a.String("only");
        a.RejectUnknown();
        Console.WriteLine($"cluster kill bench: {kills} kills, one every {every.TotalSeconds:F0} s; load {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");
        var results = new List<string>();
        if (only is null or "vigil")
        {
            results.Add(await RunOneAsync("Vigil, 3 nodes on one PostgreSQL", tally => VigilMembers(vigil, server ?? throw new ArgumentException("--postgres is required for Vigil"), tally), kills, every, ct));
        }
        if (only is null or "alertmanager")
        {
            results.Add(await RunOneAsync("Alertmanager 0.25, 3-member gossip cluster", tally => AlertmanagerMembers(amBin, tally), kills, every, ct));
        }
        Console.WriteLine();
        Console.WriteLine("| system | groups | kills | lost (never notified) | duplicated (notified twice or more) | extra notifications | alert → first notification p50 / p99 / max (s) |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
        {
            Console.WriteLine(r);
        }
        return 0;
    }

    private sealed record Member(string Name, Func<Task<RunningServer>> Start)
    {
        public RunningServer? Running { get; set; }
    }

    private static async Task<string> RunOneAsync(string system, Func<NotificationTally, Task<(List<Member> Members, string Dir)>> setUp,
        int kills, TimeSpan every, CancellationToken ct)
    {
        await using var tally = await NotificationTally.StartAsync();
        var (members, dir) = await setUp(tally);
        var token = members[0].Running!.Token;
        var random = new Random(14);
        var sent = new List<string>();
        var sentAt = new Dictionary<string, DateTimeOffset>();
        var killCount = 0;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        try
        {
            var next = 0;
            var nextKill = TimeProvider.System.GetUtcNow() + every;
            var nextResend = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(5);
            while (killCount < kills)
            {
                var now = TimeProvider.System.GetUtcNow();
                var name = $"Stream{next++:D5}";
                sent.Add(name);
                sentAt[name] = now;
                await SendAsync(http, members, [name], now, ct);
                if (now >= nextResend)
                {
                    // Prometheus sends what still fires again (resend_delay), to every member.
                    await SendAsync(http, members, sent.TakeLast(200).ToList(), now, ct);
                    nextResend = now + TimeSpan.FromSeconds(5);
                }
                if (now >= nextKill)
                {
                    var victim = members[random.Next(members.Count)];
                    victim.Running!.Kill9();
                    killCount++;
                    await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System, ct);
                    victim.Running = await victim.Start();
                    nextKill = TimeProvider.System.GetUtcNow() + every;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, ct);
            }
            // Quiet time: group_wait, retries, takeovers.
            await Task.Delay(TimeSpan.FromSeconds(20), TimeProvider.System, ct);
        }
        finally
        {
            foreach (var m in members)
            {
                m.Running?.Dispose();
            }
        }
        var firing = sent.Select(g => tally.Counts.GetValueOrDefault((g, "firing"))).ToList();
        var lost = firing.Count(n => n == 0);
        var duplicated = firing.Count(n => n > 1);
        var extra = firing.Sum(n => Math.Max(0, n - 1));
        // Includes group_wait (1 s); a group whose flusher was killed waits for the takeover.
        var delays = sent.Where(tally.FirstFiringAt.ContainsKey).Select(g => (tally.FirstFiringAt[g] - sentAt[g]).TotalSeconds).Order().ToList();
        double At(double q) => delays.Count == 0 ? double.NaN : delays[Math.Min(delays.Count - 1, (int)Math.Ceiling(q * delays.Count) - 1)];
        var latency = string.Create(CultureInfo.InvariantCulture, $"{At(0.5):F1} / {At(0.99):F1} / {(delays.Count == 0 ? double.NaN : delays[^1]):F1}");
        Console.WriteLine($"{system}: {sent.Count} groups, {killCount} kills, lost {lost}, duplicated {duplicated} ({extra} extra); first notification p50/p99/max {latency} s; logs in {dir}");
        return string.Create(CultureInfo.InvariantCulture, $"| {system} | {sent.Count} | {killCount} | {lost} | {duplicated} | {extra} | {latency} |");
    }

    private static async Task SendAsync(HttpClient http, List<Member> members, IReadOnlyList<string> names, DateTimeOffset now, CancellationToken ct)
    {
        var body = new StringBuilder("[");
        foreach (var n in names)
        {
            body.Append(body.Length > 1 ? "," : "").Append(CultureInfo.InvariantCulture,
                $$"""{"labels":{"alertname":"{{n}}","job":"bench"},"startsAt":"{{now.AddSeconds(-1):O}}","endsAt":"{{now.AddMinutes(4):O}}"}""");
        }
        body.Append(']');
        var json = body.ToString();
        await Task.WhenAll(members.Where(m => m.Running is not null).Select(async m =>
        {
            try
            {
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(m.Running!.Url, "api/v2/alerts"), content, ct);
            }
            catch (HttpRequestException)
            {
                // A member being killed: Prometheus logs it and goes on with the others.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
        }));
    }

    private static string Receiver(NotificationTally tally) => $"""
        route:
          receiver: tally
          group_by: [alertname]
          group_wait: 1s
          group_interval: 5m
          repeat_interval: 4h
        receivers:
          - name: tally
            webhook_configs:
              - url: {tally.Url}
                send_resolved: false
        """;

    private static async Task<(List<Member>, string)> VigilMembers(string vigil, string server, NotificationTally tally)
    {
        var database = "vigil_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var postgres = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        var dir = Directory.CreateTempSubdirectory("vigil-cluster-kill-").FullName;
        var config = Path.Combine(dir, "vigil.yaml");
        await File.WriteAllTextAsync(config, Receiver(tally));
        var members = new List<Member>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            var port = ProcessLauncher.FreePort();
            var data = Path.Combine(dir, name);
            var system = new SystemUnderTest("Vigil node " + name,
                $"{vigil} server --config {{config}} --listen 127.0.0.1:{port} --data {{data}} --node {name} --postgres '{postgres}'",
                name == "a" ? "{data}/admin.token" : null);
            var restarts = 0;
            var member = new Member(name, () => RunningServer.StartAsync(system, config, data, Path.Combine(dir, $"{name}-{restarts++}.log"), port));
            member.Running = await member.Start();
            members.Add(member);
        }
        return (members, dir);
    }

    private static async Task<(List<Member>, string)> AlertmanagerMembers(string amBin, NotificationTally tally)
    {
        var dir = Directory.CreateTempSubdirectory("am-cluster-kill-").FullName;
        var config = Path.Combine(dir, "alertmanager.yml");
        await File.WriteAllTextAsync(config, Receiver(tally));
        var gossip = Enumerable.Range(0, 3).Select(_ => ProcessLauncher.FreePort()).ToList();
        var members = new List<Member>();
        for (var i = 0; i < 3; i++)
        {
            var port = ProcessLauncher.FreePort();
            var data = Path.Combine(dir, "m" + i);
            var peers = string.Concat(gossip.Where((_, j) => j != i).Select(p => $" --cluster.peer=127.0.0.1:{p}"));
            var system = new SystemUnderTest("Alertmanager m" + i,
                $"{amBin} --config.file={{config}} --storage.path={{data}} --web.listen-address=127.0.0.1:{port} " +
                $"--cluster.listen-address=127.0.0.1:{gossip[i]} --cluster.advertise-address=127.0.0.1:{gossip[i]}{peers} --cluster.settle-timeout=5s",
                null);
            var restarts = 0;
            var name = "m" + i;
            var member = new Member(name, () => RunningServer.StartAsync(system, config, data, Path.Combine(dir, $"{name}-{restarts++}.log"), port));
            member.Running = await member.Start();
            members.Add(member);
        }
        return (members, dir);
    }
}
