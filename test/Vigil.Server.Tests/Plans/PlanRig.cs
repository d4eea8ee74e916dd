using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Plans;
using Vigil.Server.Plans.Runs;
using Vigil.Server.Security;
using Vigil.Server.Tests.Actions;
using Vigil.Server.Tests.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Plans;

/// <summary>
/// Everything a plan test runs against, all real: HAProxy in front of N backends (s1…sN on hosts lb-1…lb-N, pool
/// <c>web</c>), the real server, a real agent per host over a crafted root whose <c>reboot</c> action writes a new boot
/// id (and, for hosts in <c>loseData</c>, drops <c>/data</c> from the mount table and the backend's marker, so
/// HAProxy's check fails too), and a loopback receiver standing in for the watcher's phone.
/// </summary>
internal sealed class PlanRig : IAsyncDisposable
{
    private readonly List<AgentRoot> _roots = [];
    private readonly List<ActionAgent> _agents = [];

    private PlanRig(HaproxyRig haproxy, LoopbackReceiver phone)
    {
        Haproxy = haproxy;
        Phone = phone;
    }

    public HaproxyRig Haproxy { get; }

    public LoopbackReceiver Phone { get; }

    /// <summary>The in-process server (null when the rig runs the real executable: <see cref="Process"/>).</summary>
    public VigilInstance Vigil { get; private set; } = null!;

    /// <summary>The real executable, for <c>kill -9</c> (null when the rig runs the server in-process).</summary>
    public VigilProcess? Process { get; private set; }

    /// <summary>With <c>nodes</c> above 1: every node of the cluster (the agents talk to the second one, <see cref="Process"/>).</summary>
    public List<VigilProcess> Nodes { get; } = [];

    /// <summary>The server the agents and the helpers below talk to.</summary>
    public IVigilServer Server => (IVigilServer?)Process ?? Vigil;

    public IReadOnlyList<ActionAgent> Agents => _agents;

    public IReadOnlyList<string> Hosts => [.. Haproxy.Servers.Select((_, i) => $"lb-{i + 1}")];

    public static async Task<PlanRig> StartAsync(string engine, int servers = 3, int minHealthy = 2, string[]? loseData = null,
        string allowed = "reboot", string extra = "", bool process = false, int nodes = 1)
    {
        var haproxy = await HaproxyRig.StartAsync(servers: servers);
        var phone = await LoopbackReceiver.StartAsync();
        var rig = new PlanRig(haproxy, phone);
        try
        {
            var config = $"""
                route:
                  receiver: none
                receivers:
                  - name: none
                people:
                  - name: alice
                    contact_methods: [{"{"}type: webhook, url: "{phone.Url("alice")}"{"}"}]
                  - name: bob
                    contact_methods: [{"{"}type: webhook, url: "{phone.Url("bob")}"{"}"}]
                {haproxy.PoolsYaml("web", minHealthy, rig.Hosts)}
                {extra}
                """;
            if (nodes > 1)
            {
                // Several real nodes on one PostgreSQL, short leases so a dead node's run moves within seconds.
                var dir = Directory.CreateTempSubdirectory("vigil-plan-cluster-").FullName;
                await File.WriteAllTextAsync(Path.Join(dir, "vigil.yaml"), "server:\n  cluster:\n    lease: 2s\n" + config);
                var postgres = await PostgresTestDatabase.CreateAsync();
                for (var n = 0; n < nodes; n++)
                {
                    var name = ((char)('a' + n)).ToString();
                    if (n > 0 && OperatingSystem.IsLinux())
                    {
                        // One action key for the cluster, as docs/scaling.md says: copied before the node's first start.
                        ShareActionKey(rig.Nodes[0].DataDir, Path.Join(dir, name));
                    }
                    rig.Nodes.Add(await VigilProcess.StartNodeAsync(Path.Join(dir, name), Path.Join(dir, "vigil.yaml"), postgres, "node-" + name,
                        rig.Nodes.FirstOrDefault()?.Token));
                }
                rig.Process = rig.Nodes[1];
            }
            else if (process)
            {
                var dir = Directory.CreateTempSubdirectory("vigil-plan-").FullName;
                await File.WriteAllTextAsync(Path.Join(dir, "vigil.yaml"), config);
                rig.Process = await VigilProcess.StartAsync(Path.Join(dir, "data"), Path.Join(dir, "vigil.yaml"),
                    engine == "postgres" ? await PostgresTestDatabase.CreateAsync() : null);
            }
            else
            {
                rig.Vigil = await VigilInstance.StartAsync(engine, config);
            }
            for (var i = 0; i < servers; i++)
            {
                var host = rig.Hosts[i];
                var root = new AgentRoot();
                rig._roots.Add(root);
                root.Boot($"boot-{host}-1", dataMounted: true);
                var lose = loseData?.Contains(host) == true;
                var script = root.WriteRebootScript($"boot-{host}-2", loseData: lose);
                var marker = lose ? $"rm -f '{haproxy.Servers[i].MarkerPath}'\n" : "";
                root.Write("/sbin/plan-reboot", $"#!/bin/sh\nset -e\nsh '{script}'\n{marker}");
                var actions = allowed.Contains("reboot", StringComparison.Ordinal)
                    ? $"  reboot: {{run: [/bin/sh, {Path.Join(root.Dir, "/sbin/plan-reboot")}], timeout: 30s}}" : "  mount-all: [/bin/true]";
                rig._agents.Add(await ActionAgent.StartAsync(rig.Server, host, root, actions));
            }
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void ShareActionKey(string from, string to)
    {
        Directory.CreateDirectory(to, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var target = Path.Join(to, "agent-actions.key");
        File.Copy(Path.Join(from, "agent-actions.key"), target);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>The rolling reboot of the docs: gate, drain, wait drained, maint, reboot, host back, post-boot checks, ready, HAProxy up.</summary>
    public static PlanDefinition RollingReboot(bool window = true, IReadOnlyList<PlanStep>? steps = null) => new()
    {
        Name = "rolling-reboot",
        Targets = new PlanTargets { Pool = "web" },
        Window = window ? new PlanWindow { Watcher = "alice", Backup = "bob", Announcement = "kernel update" } : null,
        Steps = steps ??
        [
            new PlanStep { Kind = PlanStepKind.Gate, What = "pool_min_healthy" },
            new PlanStep { Kind = PlanStepKind.Haproxy, What = "drain" },
            new PlanStep { Kind = PlanStepKind.Wait, What = "drained", Timeout = TimeSpan.FromSeconds(20) },
            new PlanStep { Kind = PlanStepKind.Haproxy, What = "maint" },
            new PlanStep { Kind = PlanStepKind.Agent, What = "reboot", Timeout = TimeSpan.FromSeconds(30) },
            new PlanStep { Kind = PlanStepKind.Wait, What = "host_back", Timeout = TimeSpan.FromSeconds(30) },
            new PlanStep { Kind = PlanStepKind.Verify, What = "post_boot", Timeout = TimeSpan.FromSeconds(30) },
            new PlanStep { Kind = PlanStepKind.Haproxy, What = "ready" },
            new PlanStep { Kind = PlanStepKind.Wait, What = "haproxy_up", Timeout = TimeSpan.FromSeconds(20) },
        ],
    };

    /// <summary>Starts a run the way the API does once the plan is read (the YAML reader is another branch's).</summary>
    public async Task<string> StartAsync(PlanDefinition plan)
    {
        var created = await Vigil.Services.GetRequiredService<PlanRunService>().StartAsync(plan, new Caller("admin", Scope.Admin, "127.0.0.1"), CancellationToken.None);
        Assert.True(created.Run is not null, $"{created.Status} {created.Problem}");
        return created.Run.Id;
    }

    /// <summary>Starts a run of plan YAML through the API, as <c>vigil plan run FILE</c> does.</summary>
    public async Task<string> StartYamlAsync(string yaml)
    {
        var response = await Server.Http.PostAsJsonAsync("api/v1/plans/runs", new { yaml });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["id"]!.ToString();
    }

    /// <summary>
    /// Waits until <paramref name="host"/>'s simulated reboot has happened (its new boot id is written). The run moves on
    /// to <c>wait: host_back</c> as soon as the agent reports the reboot running, before its script ran; a real reboot
    /// takes the agent down with it, so a test that stops the agent must first let the reboot happen.
    /// </summary>
    public async Task WaitRebootedAsync(string host) =>
        await Eventually.TrueAsync(() => Task.FromResult(_roots[Hosts.ToList().IndexOf(host)].BootId == $"boot-{host}-2"), TimeSpan.FromSeconds(30));

    /// <summary>Starts every agent again against the server as it runs now (a restarted server listens on a new port).</summary>
    public async Task ReconnectAgentsAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.StartProcessAsync(Server);
        }
    }

    public async Task<JsonObject> RunAsync(string id) =>
        JsonNode.Parse(await Server.Http.GetStringAsync($"api/v1/plans/runs/{id}"))!.AsObject();

    /// <summary>Waits until the run is in <paramref name="state"/> (a plan with reboots takes a while: agents report every 2 s).</summary>
    public async Task<JsonObject> WaitForStateAsync(string id, string state, int seconds = 120) =>
        await Eventually.GetAsync(() => RunAsync(id), r => r["state"]!.ToString() == state, TimeSpan.FromSeconds(seconds));

    public async Task<JsonArray> EventsAsync(string id)
    {
        var store = Vigil.Services.GetRequiredService<PlanRunStore>();
        return new JsonArray([.. (await store.EventsAsync(id, 0, CancellationToken.None)).Select(e => (JsonNode)JsonValue.Create($"{e.Kind} {e.Host} {e.Detail}"))]);
    }

    /// <summary>How many reboots the agent of <paramref name="host"/> was asked for.</summary>
    public async Task<int> RebootsAsync(string host) =>
        JsonNode.Parse(await Server.Http.GetStringAsync($"api/v1/hosts/{host}/actions"))!.AsArray().Count(a => a!["action"]!.ToString() == "reboot");

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }
        if (Vigil is not null)
        {
            await Vigil.DisposeAsync();
        }
        if (Process is not null && Nodes.Count == 0)
        {
            await Process.DisposeAsync();
        }
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
        await Phone.DisposeAsync();
        await Haproxy.DisposeAsync();
        foreach (var root in _roots)
        {
            root.Dispose();
        }
    }
}
