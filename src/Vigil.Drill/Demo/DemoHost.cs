namespace Vigil.Drill.Demo;

/// <summary>
/// One simulated machine: power, boots (a new boot id each time), the <c>/data</c> volume of a database host, the unicorn
/// workers of a web host, and its real agent. Its state is written to its <see cref="HostRoot"/> for the agent to read;
/// the simulated HAProxies and the shop's backends ask <see cref="Serves"/>.
/// </summary>
internal sealed class DemoHost
{
    /// <summary>Unicorn workers a web host runs when healthy; its agent wants at least 2.</summary>
    public const int Workers = 4;

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private DateTimeOffset _bootedAt;
    private int _boots;

    public DemoHost(string name, HostRole role, HostRoot root, TimeProvider clock)
    {
        Name = name;
        Role = role;
        Root = root;
        _clock = clock;
    }

    public string Name { get; }

    public HostRole Role { get; }

    public HostRoot Root { get; }

    public bool HasData => Role == HostRole.Database;

    public DemoAgent? Agent { get; set; }

    public bool PoweredOn { get; private set; }

    public bool Booting { get; private set; }

    public bool DataMounted { get; private set; }

    /// <summary>The seed's failure: the next boot leaves <c>/data</c> unmounted (a <c>nofail</c> entry that did not mount).</summary>
    public bool AutomountBroken { get; set; }

    public int UnicornWorkers { get; private set; }

    /// <summary>Up, booted, and doing its job (a web host needs a unicorn worker).</summary>
    public bool Serves
    {
        get
        {
            lock (_gate)
            {
                return PoweredOn && !Booting && (Role != HostRole.Web || UnicornWorkers > 0);
            }
        }
    }

    /// <summary>Powers the machine on: a new boot id, mounts as fstab says (unless broken), its services, its agent.</summary>
    public void Boot()
    {
        lock (_gate)
        {
            _boots++;
            _bootedAt = _clock.GetUtcNow();
            PoweredOn = true;
            Booting = false;
            DataMounted = HasData && !AutomountBroken;
            UnicornWorkers = Role == HostRole.Web ? Workers : 0;
            Root.Mounts(DataMounted);
            Root.Processes(Processes());
            Root.Uptime(TimeSpan.FromSeconds(1));
            Root.BootId($"{Guid.NewGuid()}");
        }
        Agent?.Start();
    }

    /// <summary>Cuts the power: the agent goes silent, HAProxy's checks fail.</summary>
    public async Task PowerOffAsync()
    {
        lock (_gate)
        {
            PoweredOn = false;
        }
        if (Agent is { } agent)
        {
            await agent.StopAsync();
        }
    }

    /// <summary>A reboot: silent for <paramref name="downtime"/>, then a new boot.</summary>
    public async Task RebootAsync(TimeSpan downtime, CancellationToken ct)
    {
        lock (_gate)
        {
            Booting = true;
        }
        if (Agent is { } agent)
        {
            await agent.StopAsync();
        }
        await Task.Delay(downtime, _clock, ct);
        if (PoweredOn)
        {
            Boot();
        }
    }

    public void SetDataMounted(bool mounted)
    {
        lock (_gate)
        {
            DataMounted = HasData && mounted;
            Root.Mounts(DataMounted);
            Root.Processes(Processes());
        }
    }

    public void SetUnicornWorkers(int workers)
    {
        lock (_gate)
        {
            UnicornWorkers = Role == HostRole.Web ? workers : 0;
            Root.Processes(Processes());
        }
    }

    /// <summary>Keeps <c>/proc/uptime</c> moving while the machine runs.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            if (PoweredOn && !Booting)
            {
                Root.Uptime(_clock.GetUtcNow() - _bootedAt + TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>What the fleet's status line says of this host.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var state = !PoweredOn ? "powered off" : Booting ? "rebooting" : "up";
            var data = HasData ? DataMounted ? ", /data mounted" : ", /data NOT mounted" : "";
            var workers = Role == HostRole.Web ? $", {UnicornWorkers} unicorn workers" : "";
            return $"{Name}: {state}{data}{workers}{(AutomountBroken ? ", next boot will not mount /data" : "")} (boot {_boots})";
        }
    }

    private List<(string Comm, string Cmdline)> Processes()
    {
        var list = new List<(string Comm, string Cmdline)> { ("sshd", "sshd: /usr/sbin/sshd -D") };
        switch (Role)
        {
            case HostRole.LoadBalancer:
                list.Add(("haproxy", "/usr/sbin/haproxy -Ws -f /etc/haproxy/haproxy.cfg"));
                break;
            case HostRole.Cache:
                list.Add(("redis-server", "/usr/bin/redis-server 127.0.0.1:6379"));
                break;
            case HostRole.Database when DataMounted:
                // PostgreSQL keeps its cluster on /data: without the volume it does not start.
                list.Add(("postgres", "/usr/lib/postgresql/15/bin/postgres -D /data/postgresql"));
                break;
            case HostRole.Web:
                list.Add(("ruby", "unicorn master -c /etc/unicorn.rb"));
                list.AddRange(Enumerable.Range(0, UnicornWorkers).Select(i => ("ruby", $"unicorn worker[{i}] -c /etc/unicorn.rb")));
                break;
        }
        return list;
    }
}
