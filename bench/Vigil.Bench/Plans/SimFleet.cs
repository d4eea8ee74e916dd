using System.Diagnostics;
using System.Text;

namespace Vigil.Bench.Plans;

/// <summary>
/// The scale benchmark's world: N simulated agents (<see cref="SimAgent"/>) h001…hN, a real HAProxy whose backend
/// <c>web</c> has N servers without checks (so they count as up) all in front of one <see cref="HealthBackend"/>, and
/// the built server with pool <c>web</c> over them.
/// </summary>
internal sealed class SimFleet : IAsyncDisposable
{
    private readonly string _dir;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private HealthBackend? _backend;
    private HttpClient? _agentHttp;

    private SimFleet(string dir, WebhookSink phone)
    {
        _dir = dir;
        Phone = phone;
    }

    public BenchServer Server { get; private set; } = null!;

    public BenchHaproxy Haproxy { get; private set; } = null!;

    public WebhookSink Phone { get; }

    public List<SimAgent> Agents { get; } = [];

    public static string HostOf(int i) => $"h{i + 1:000}";

    public static async Task<SimFleet> StartAsync(string vigil, int hosts, int minHealthy, TimeSpan interval, TimeSpan downtime, int statsMaxconn, TextWriter console)
    {
        var dir = Directory.CreateTempSubdirectory("vigil-planscale-").FullName;
        var fleet = new SimFleet(dir, await WebhookSink.StartAsync(0).ConfigureAwait(false));
        try
        {
            fleet._backend = await HealthBackend.StartAsync("shared", dir).ConfigureAwait(false);
            fleet.Haproxy = await BenchHaproxy.StartAsync(dir, [.. Enumerable.Range(1, hosts).Select(i => ($"s{i}", fleet._backend.Port))], checks: false, statsMaxconn).ConfigureAwait(false);
            var config = new StringBuilder($$"""
                route: {receiver: none}
                receivers: [{name: none}]
                people:
                  - name: alice
                    contact_methods: [{type: webhook, url: "{{fleet.Phone.BaseUrl}}page/alice"}]
                  - name: bob
                    contact_methods: [{type: webhook, url: "{{fleet.Phone.BaseUrl}}page/bob"}]
                pools:
                  - name: web
                    backend: {{BenchHaproxy.Backend}}
                    min_healthy: {{minHealthy}}
                    haproxy: [{socket: {{fleet.Haproxy.SocketPath}}}]
                    members:

                """);
            for (var i = 0; i < hosts; i++)
            {
                config.Append($"      s{i + 1}: {HostOf(i)}\n");
            }
            fleet.Server = await BenchServer.StartAsync(vigil, dir, config.ToString()).ConfigureAwait(false);
            var started = Stopwatch.StartNew();
            var tokens = new string[hosts];
            await Parallel.ForEachAsync(Enumerable.Range(0, hosts), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
                tokens[i] = (await fleet.Server.CreateAgentTokenAsync(HostOf(i)).ConfigureAwait(false)).Token).ConfigureAwait(false);
            await SimAgent.WarmUpAsync().ConfigureAwait(false);
            fleet._agentHttp = BenchHttp.Create(fleet.Server.Url, null, hosts * 2 + 64, TimeSpan.FromSeconds(60));
            for (var i = 0; i < hosts; i++)
            {
                var agent = new SimAgent(fleet._agentHttp, HostOf(i), tokens[i], interval, downtime);
                fleet.Agents.Add(agent);
                fleet._running.Add(agent.RunAsync(fleet._stop.Token));
            }
            console.WriteLine($"{hosts} agent tokens made and simulated agents started in {started.Elapsed.TotalSeconds:F1} s");
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_running).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
        {
            // Stopped.
        }
        Server?.Dispose();
        _agentHttp?.Dispose();
        Haproxy?.Dispose();
        if (_backend is not null)
        {
            await _backend.DisposeAsync().ConfigureAwait(false);
        }
        await Phone.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        if (!BenchFolders.Keep)
        {
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
                // A socket still closing.
            }
        }
    }
}
