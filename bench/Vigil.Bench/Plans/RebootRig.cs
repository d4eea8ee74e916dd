using System.Text;

namespace Vigil.Bench.Plans;

/// <summary>
/// The real parts of the reboot benchmarks: N <see cref="HealthBackend"/>s s1…sN behind a real HAProxy (checks
/// <c>inter 1s fall 2 rise 2</c>), the built server with pool <c>web</c> (server s<i>i</i> on host lb-<i>i</i>), a real
/// agent per host, and a loopback webhook receiver as the watcher's (alice's) phone. Everything is in one temp folder.
/// </summary>
internal sealed class RebootRig : IAsyncDisposable
{
    private readonly string _dir;
    private readonly List<HealthBackend> _backends = [];
    private readonly List<RealAgent> _agents = [];

    private RebootRig(string dir, WebhookSink phone)
    {
        _dir = dir;
        Phone = phone;
    }

    public IReadOnlyList<HealthBackend> Backends => _backends;

    public BenchHaproxy Haproxy { get; private set; } = null!;

    public BenchServer Server { get; private set; } = null!;

    public WebhookSink Phone { get; }

    public static string HostOf(int i) => $"lb-{i + 1}";

    public static async Task<RebootRig> StartAsync(string vigil, int members, int minHealthy, TimeSpan downtime, string? loseData = null)
    {
        var dir = Directory.CreateTempSubdirectory("vigil-planbench-").FullName;
        var rig = new RebootRig(dir, await WebhookSink.StartAsync(0).ConfigureAwait(false));
        try
        {
            for (var i = 1; i <= members; i++)
            {
                rig._backends.Add(await HealthBackend.StartAsync($"s{i}", dir).ConfigureAwait(false));
            }
            rig.Haproxy = await BenchHaproxy.StartAsync(dir, [.. rig._backends.Select(b => (b.Name, b.Port))], checks: true).ConfigureAwait(false);
            foreach (var b in rig._backends)
            {
                await rig.Haproxy.WaitForAsync(b.Name, "UP", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
            var pool = new StringBuilder($"pools:\n  - name: web\n    backend: {BenchHaproxy.Backend}\n    min_healthy: {minHealthy}\n");
            pool.Append($"    haproxy: [{{socket: {rig.Haproxy.SocketPath}}}]\n    members:\n");
            for (var i = 0; i < members; i++)
            {
                pool.Append($"      s{i + 1}: {HostOf(i)}\n");
            }
            rig.Server = await BenchServer.StartAsync(vigil, dir, $"""
                route: {"{"}receiver: none{"}"}
                receivers: [{"{"}name: none{"}"}]
                people:
                  - name: alice
                    contact_methods: [{"{"}type: webhook, url: "{rig.Phone.BaseUrl}page/alice"{"}"}]
                  - name: bob
                    contact_methods: [{"{"}type: webhook, url: "{rig.Phone.BaseUrl}page/bob"{"}"}]
                {pool}
                """).ConfigureAwait(false);
            for (var i = 0; i < members; i++)
            {
                rig._agents.Add(await RealAgent.StartAsync(rig.Server, vigil, HostOf(i), dir, rig._backends[i], loseData == HostOf(i), downtime).ConfigureAwait(false));
            }
            await rig.WaitHealthyAsync(members, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until <c>GET /api/v1/pools/web</c> counts <paramref name="healthy"/> healthy members.</summary>
    public async Task WaitHealthyAsync(int healthy, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            var pool = await Server.GetAsync("api/v1/pools/web").ConfigureAwait(false);
            if ((int)pool["healthy"]! == healthy)
            {
                return;
            }
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"pool web: {pool["summary"]}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System).ConfigureAwait(false);
        }
    }

    /// <summary>The rolling reboot of docs/plans.md over the pool, watched by alice.</summary>
    public static string RollingRebootYaml(string name) => $"""
        name: {name}
        hosts: {"{"}pool: web{"}"}
        serial: 1
        window: {"{"}watcher: alice, backup: bob, announcement: bench{"}"}
        steps:
          - gate: pool_min_healthy
          - haproxy: drain
          - wait: drained
            timeout: 30s
          - haproxy: maint
          - agent: reboot
            timeout: 60s
          - wait: host_back
            timeout: 60s
          - verify: post_boot
            timeout: 60s
          - haproxy: ready
          - wait: haproxy_up
            timeout: 60s

        """;

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            agent.Dispose();
        }
        Server?.Dispose();
        Haproxy?.Dispose();
        foreach (var b in _backends)
        {
            await b.DisposeAsync().ConfigureAwait(false);
        }
        await Phone.DisposeAsync().ConfigureAwait(false);
        if (BenchFolders.Keep)
        {
            await Console.Out.WriteLineAsync($"kept {_dir} (server.log, agent-*.log, haproxy.cfg)").ConfigureAwait(false);
            return;
        }
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A socket still closing; the temp folder goes with the next clean-up.
        }
    }
}
