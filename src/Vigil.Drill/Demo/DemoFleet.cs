namespace Vigil.Drill.Demo;

/// <summary>
/// The simulated shop: lb-1/lb-2 (an active/passive HAProxy pair, itself behind the <c>edge</c> HAProxy), cache-1,
/// db-1 with <c>/data</c>, web-1..3 with unicorn; three simulated HAProxy Runtime APIs (edge: backend <c>lbs</c>; lb-1
/// and lb-2: backend <c>web</c>); and a loop that carries out what the hosts' action scripts ask for (reboot, mount-all,
/// restart-unicorn). Faults change a host; HAProxy's checks, the agents and the shop's answers follow.
/// </summary>
internal sealed class DemoFleet : IAsyncDisposable
{
    /// <summary>How long a simulated reboot keeps a host silent.</summary>
    public static readonly TimeSpan RebootDowntime = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan TickEvery = TimeSpan.FromMilliseconds(200);

    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _background = [];
    private Task _ticking = Task.CompletedTask;

    private DemoFleet(IReadOnlyList<DemoHost> hosts, TimeProvider clock)
    {
        Hosts = hosts;
        _clock = clock;
        Edge = SimHaproxy.Start("edge", new Dictionary<string, (string, string)[]> { ["lbs"] = [("lb-1", "lb-1"), ("lb-2", "lb-2")] },
            Serves, () => true, clock);
        Lb1 = StartLb("lb-1");
        Lb2 = StartLb("lb-2");
    }

    public IReadOnlyList<DemoHost> Hosts { get; }

    /// <summary>The HAProxy in front of the pair (pool <c>lb</c>).</summary>
    public SimHaproxy Edge { get; }

    /// <summary>The HAProxy on lb-1 (pool <c>web</c>, with lb-2's).</summary>
    public SimHaproxy Lb1 { get; }

    public SimHaproxy Lb2 { get; }

    public static readonly string[] WebHosts = ["web-1", "web-2", "web-3"];

    /// <summary>Creates the hosts under <paramref name="dir"/> (nothing runs yet; <see cref="Start"/> boots them).</summary>
    public static DemoFleet Create(string dir, TimeProvider clock)
    {
        (string Name, HostRole Role)[] plan =
        [
            ("lb-1", HostRole.LoadBalancer), ("lb-2", HostRole.LoadBalancer), ("cache-1", HostRole.Cache), ("db-1", HostRole.Database),
            .. WebHosts.Select(w => (w, HostRole.Web)),
        ];
        var hosts = plan.Select(h =>
        {
            var root = new HostRoot(Path.Combine(dir, h.Name));
            root.Install(withData: h.Role == HostRole.Database);
            return new DemoHost(h.Name, h.Role, root, clock);
        }).ToList();
        return new DemoFleet(hosts, clock);
    }

    public DemoHost? Find(string name) => Hosts.FirstOrDefault(h => h.Name == name);

    /// <summary>Boots every host (each starts its agent) and starts carrying out the hosts' action requests.</summary>
    public void Start()
    {
        foreach (var host in Hosts)
        {
            host.Boot();
        }
        _ticking = TickAsync(_stop.Token);
    }

    /// <summary>The shop's front page: served when a load balancer in service reaches a web server in service.</summary>
    public string? ShopProblem()
    {
        var lbs = new[] { ("lb-1", Lb1), ("lb-2", Lb2) }.Where(l => Edge.TakesTraffic("lbs", l.Item1)).ToList();
        if (lbs.Count == 0)
        {
            return "no load balancer in service";
        }
        return lbs.Any(l => WebHosts.Any(w => l.Item2.TakesTraffic("web", w))) ? null : "no web server in service";
    }

    /// <summary>The checkout also needs the database, whose cluster lives on <c>/data</c>.</summary>
    public string? CheckoutProblem()
    {
        if (ShopProblem() is { } shop)
        {
            return shop;
        }
        var db = Find("db-1")!;
        return !db.Serves ? "database unreachable" : !db.DataMounted ? "database down: /data is not mounted" : null;
    }

    /// <summary>Does what <c>vigil demo fault HOST FAULT</c> asks; the answer says what changed.</summary>
    public async Task<string> ApplyAsync(DemoHost host, DemoFault fault)
    {
        switch (fault)
        {
            case DemoFault.Down:
                await host.PowerOffAsync();
                return $"{host.Name} is powered off: its agent is silent and HAProxy's checks fail";
            case DemoFault.Up when !host.PoweredOn:
                host.Boot();
                return $"{host.Name} is booting (a new boot id)";
            case DemoFault.Up:
                return $"{host.Name} is already up";
            case DemoFault.Reboot:
                Background(host.RebootAsync(RebootDowntime, _stop.Token));
                return $"{host.Name} reboots: silent for {RebootDowntime.TotalSeconds:0} s, then a new boot";
            case DemoFault.Unmount or DemoFault.Mount when !host.HasData:
                throw new DemoFaultException($"{host.Name} has no /data volume (db-1 has)");
            case DemoFault.Unmount:
                host.SetDataMounted(false);
                return $"{host.Name}: /data unmounted (PostgreSQL stops)";
            case DemoFault.Mount:
                host.SetDataMounted(true);
                return $"{host.Name}: /data mounted";
            case DemoFault.NoAutomount when !host.HasData:
                throw new DemoFaultException($"{host.Name} has no /data volume (db-1 has)");
            case DemoFault.NoAutomount:
                host.AutomountBroken = true;
                return $"{host.Name}: its next boot will not mount /data (the seed outage); `vigil hosts action {host.Name} mount-all` fixes it";
            case DemoFault.KillUnicorn when host.Role != HostRole.Web:
                throw new DemoFaultException($"{host.Name} runs no unicorn (web-1..3 do)");
            case DemoFault.KillUnicorn:
                host.SetUnicornWorkers(0);
                return $"{host.Name}: unicorn workers killed; `vigil hosts action {host.Name} restart-unicorn` restarts them";
            default:
                host.AutomountBroken = false;
                return $"{host.Name}: faults cleared for the next boot";
        }
    }

    private SimHaproxy StartLb(string lb) =>
        SimHaproxy.Start(lb, new Dictionary<string, (string, string)[]> { ["web"] = [.. WebHosts.Select(w => (w, w))] }, Serves, () => Find(lb)!.Serves, _clock);

    private bool Serves(string host) => Find(host)?.Serves == true;

    private async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TickEvery, _clock);
        var ticks = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                ticks++;
                foreach (var host in Hosts)
                {
                    TakeRequest(host);
                    if (ticks % 5 == 0)
                    {
                        host.Tick();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>What the host's action script asked for (<see cref="HostRoot.WriteActionScript"/>), done, then the request removed.</summary>
    private void TakeRequest(DemoHost host)
    {
        string action;
        try
        {
            if (!File.Exists(host.Root.RequestPath))
            {
                return;
            }
            action = File.ReadAllText(host.Root.RequestPath).Trim();
        }
        catch (IOException)
        {
            return;
        }
        switch (action)
        {
            case "mount-all":
                host.SetDataMounted(true);
                break;
            case "restart-unicorn":
                host.SetUnicornWorkers(DemoHost.Workers);
                break;
        }
        File.Delete(host.Root.RequestPath);
        if (action == "reboot")
        {
            // The script has its answer; the agent reports the action's end, then the machine goes down.
            Background(RebootSoonAsync(host, _stop.Token));
        }
    }

    private async Task RebootSoonAsync(DemoHost host, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500), _clock, ct);
        await host.RebootAsync(RebootDowntime, ct);
    }

    private void Background(Task task)
    {
        lock (_background)
        {
            _background.RemoveAll(t => t.IsCompleted);
            _background.Add(task);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _ticking;
        Task[] background;
        lock (_background)
        {
            background = [.. _background];
        }
        await Task.WhenAll(background).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var host in Hosts)
        {
            if (host.Agent is { } agent)
            {
                await agent.StopAsync();
            }
        }
        await Edge.DisposeAsync();
        await Lb1.DisposeAsync();
        await Lb2.DisposeAsync();
        _stop.Dispose();
    }
}
