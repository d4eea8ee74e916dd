using System.Text;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// Real HAProxy in front of real backends, on loopback: <paramref name="instances"/> haproxy processes (an
/// active/passive pair is two) sharing one backend <c>web</c> of N <see cref="RigBackend"/> servers s1…sN, each
/// checked with <c>option httpchk GET /health</c>, <c>option redispatch</c>, <c>retries 3</c>. Every instance has an
/// admin-level stats socket in its own temp folder. Skips the test when haproxy is not installed (./test.sh
/// installs it). Everything is killed and deleted on dispose.
/// </summary>
public sealed class HaproxyRig : IAsyncDisposable
{
    public const string HaproxyPath = "/usr/sbin/haproxy";

    public const string Backend = "web";

    private readonly string _dir;

    private HaproxyRig(string dir, IReadOnlyList<RigBackend> servers, IReadOnlyList<RigHaproxy> instances)
    {
        _dir = dir;
        Servers = servers;
        Instances = instances;
    }

    /// <summary>The backend servers, s1…sN in order.</summary>
    public IReadOnlyList<RigBackend> Servers { get; }

    public IReadOnlyList<RigHaproxy> Instances { get; }

    public RigBackend this[string server] => Servers.Single(s => s.Name == server);

    /// <summary>
    /// Starts the backends, then the haproxy processes, and returns once every server is UP (checks fully risen)
    /// in every instance. Checks run
    /// every <paramref name="inter"/> (production would use 1s; tests go faster), DOWN after <paramref name="fall"/>
    /// failures, UP after <paramref name="rise"/> successes.
    /// </summary>
    public static async Task<HaproxyRig> StartAsync(int servers = 2, int instances = 1, string inter = "200ms", int fall = 2, int rise = 2)
    {
        ExternalTool.Require(HaproxyPath);
        var dir = Directory.CreateTempSubdirectory("vigil-hx-").FullName;
        var backends = new List<RigBackend>();
        var haproxies = new List<RigHaproxy>();
        try
        {
            for (var i = 1; i <= servers; i++)
            {
                backends.Add(await RigBackend.StartAsync($"s{i}", dir));
            }
            for (var i = 1; i <= instances; i++)
            {
                var instanceDir = Path.Combine(dir, $"lb{i}");
                Directory.CreateDirectory(instanceDir);
                haproxies.Add(await RigHaproxy.StartAsync(instanceDir, (frontend, admin) => Config(instanceDir, frontend, admin, backends, inter, fall, rise)));
            }
            var rig = new HaproxyRig(dir, backends, haproxies);
            foreach (var server in backends)
            {
                await rig.WaitForStatusAsync(server.Name, "UP");
            }
            return rig;
        }
        catch
        {
            await new HaproxyRig(dir, backends, haproxies).DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A <c>pools:</c> section for this rig: pool <paramref name="name"/> over backend <c>web</c> in every instance
    /// (by unix socket, or by TCP address with <paramref name="byAddress"/>), server s<i>i</i> on host <paramref name="hosts"/>[i-1].
    /// </summary>
    public string PoolsYaml(string name, int minHealthy, IReadOnlyList<string> hosts, bool byAddress = false, string? timeout = null)
    {
        var yaml = new StringBuilder();
        yaml.Append("pools:\n");
        yaml.Append($"  - name: {name}\n    backend: {Backend}\n    min_healthy: {minHealthy}\n");
        if (timeout is not null)
        {
            yaml.Append($"    timeout: {timeout}\n");
        }
        yaml.Append("    haproxy:\n");
        foreach (var instance in Instances)
        {
            yaml.Append(byAddress ? $"      - address: 127.0.0.1:{instance.AdminPort}\n" : $"      - socket: {instance.SocketPath}\n");
        }
        yaml.Append("    members:\n");
        for (var i = 0; i < hosts.Count; i++)
        {
            yaml.Append($"      {Servers[i].Name}: {hosts[i]}\n");
        }
        return yaml.ToString();
    }

    /// <summary>Waits until every instance shows <paramref name="server"/> with status <paramref name="status"/>.</summary>
    public async Task WaitForStatusAsync(string server, string status, TimeSpan? timeout = null)
    {
        var last = "";
        var limit = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(30));
        while (TimeProvider.System.GetUtcNow() < limit)
        {
            var statuses = await Task.WhenAll(Instances.Select(i => i.StatusOfAsync(Backend, server)));
            if (statuses.All(s => s == status))
            {
                return;
            }
            last = string.Join(", ", statuses);
            await Task.Delay(20);
        }
        Assert.Fail($"{Backend}/{server} did not become {status} in every instance (last: {last})");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var h in Instances)
        {
            await h.DisposeAsync();
        }
        foreach (var s in Servers)
        {
            await s.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A socket file still being closed; the temp folder is cleaned eventually.
        }
    }

    private static string Config(string dir, int frontendPort, int adminPort, IReadOnlyList<RigBackend> servers, string inter, int fall, int rise)
    {
        var config = new StringBuilder($"""
            global
              noreuseport
              stats socket {dir}/admin.sock mode 600 level admin
              stats socket ipv4@127.0.0.1:{adminPort} level admin
              stats timeout 30s
              maxconn 1000

            defaults
              mode http
              timeout connect 1s
              timeout client 30s
              timeout server 30s
              timeout queue 5s
              # The read timeout of a check; without it a check must answer within inter.
              timeout check 2s
              retries 3
              option redispatch

            frontend fe
              bind 127.0.0.1:{frontendPort}
              default_backend {Backend}

            backend {Backend}
              balance roundrobin
              option httpchk GET /health
              default-server inter {inter} fall {fall} rise {rise}

            """);
        foreach (var s in servers)
        {
            config.Append($"  server {s.Name} 127.0.0.1:{s.Port} check\n");
        }
        return config.ToString();
    }
}
