using Vigil.Contracts.Agents;
using Vigil.Drill.Scenarios;
using Vigil.Drill.Simulation;
using Vigil.Server.Pools;

namespace Vigil.Drill.Fleet;

/// <summary>
/// The simulated fleet on the virtual clock: hosts whose agents report every interval, balancers checking their
/// members, customer probes, and the scenario's faults switched on and off at their times. It knows the truth (what
/// customers see); Vigil knows only what the reports, the balancers and the probes tell it.
/// </summary>
internal sealed class SimFleet
{
    private readonly Dictionary<string, SimHost> _hosts;
    private readonly Dictionary<string, SimPool> _pools;
    private readonly FleetSpec _spec;
    private readonly IReadOnlyList<Fault> _faults;
    private readonly EventQueue _queue;
    private readonly VirtualClock _clock;
    private readonly int _seed;

    public SimFleet(FleetSpec spec, IReadOnlyList<Fault> faults, EventQueue queue, VirtualClock clock, int seed)
    {
        _spec = spec;
        _faults = faults;
        _queue = queue;
        _clock = clock;
        _seed = seed;
        _hosts = spec.Hosts.ToDictionary(h => h.Name, h => new SimHost(h), StringComparer.Ordinal);
        _pools = spec.Pools.ToDictionary(p => p.Name, p => new SimPool(p), StringComparer.Ordinal);
        Impact = new ImpactMeter(clock.GetUtcNow());
    }

    /// <summary>An agent's report reached Vigil.</summary>
    public event Action<AgentReport>? Reported;

    /// <summary>A probe ran: its name, whether it passed, and what it saw.</summary>
    public event Action<ProbeSpec, bool, string>? Probed;

    /// <summary>Something customers can see changed (after every event of the fleet).</summary>
    public event Action? Changed;

    /// <summary>Whether customers were told of maintenance at an instant (set by the runner from Vigil's windows).</summary>
    public Func<DateTimeOffset, bool> Announced { get; set; } = _ => false;

    public ImpactMeter Impact { get; }

    public IReadOnlyCollection<SimHost> Hosts => _hosts.Values;

    public IReadOnlyCollection<SimPool> Pools => _pools.Values;

    public SimHost Host(string name) => _hosts[name];

    public SimPool? Pool(string name) => _pools.GetValueOrDefault(name);

    public ProbeSpec? Probe(string name) => _spec.Probes.FirstOrDefault(p => p.Name == name);

    /// <summary>Schedules the fleet's loops and the faults' edges.</summary>
    public void Start()
    {
        var now = _clock.GetUtcNow();
        foreach (var host in _hosts.Values)
        {
            host.Start(now);
            // The fleet was running before the drill: every agent has reported once when it begins.
            if (host.Report(now) is { } first)
            {
                Reported?.Invoke(first);
            }
            // Agents do not report in step: each starts at its own offset within its interval, the same every run.
            var offset = host.Spec.ReportEvery * (StableHash.Of(_seed, host.Name) % 1000 / 1000.0);
            _queue.At(now + offset, $"report {host.Name}", () => Report(host));
        }
        foreach (var pool in _pools.Values)
        {
            _queue.At(now + pool.Spec.CheckEvery, $"checks {pool.Spec.Name}", () => CheckPool(pool));
        }
        foreach (var probe in _spec.Probes)
        {
            var offset = probe.Every * (StableHash.Of(_seed, "probe:" + probe.Name) % 1000 / 1000.0);
            _queue.At(now + offset, $"probe {probe.Name}", () => RunProbe(probe));
        }
        foreach (var fault in _faults)
        {
            _queue.At(fault.At, $"fault {Fault.KindName(fault.Kind)} {fault.Target} begins", () => Apply(fault, true));
            if (fault.Until is { } until)
            {
                _queue.At(until, $"fault {Fault.KindName(fault.Kind)} {fault.Target} ends", () => Apply(fault, false));
            }
        }
        Measure();
    }

    /// <summary>Reboots a host (by hand, or a plan's agent action); it comes back after its reboot time, without the
    /// mounts a <c>reboot_loses_mount</c> fault active at that moment takes away.</summary>
    public DateTimeOffset Reboot(string name)
    {
        var host = _hosts[name];
        var back = host.BeginReboot(_clock.GetUtcNow());
        _queue.At(back, $"{name} boots", () =>
        {
            var now = _clock.GetUtcNow();
            host.FinishReboot(now, LostMounts(name, now));
            Measure();
        });
        Measure();
        return back;
    }

    public void Mount(string host, string mount)
    {
        _hosts[host].Mount(mount);
        Measure();
    }

    public void Restart(string host, string service, TimeSpan takes)
    {
        var until = _clock.GetUtcNow() + takes;
        _hosts[host].Restart(service, until);
        _queue.At(until, $"{host} {service} restarted", Measure);
        Measure();
    }

    public void SetAdmin(string pool, string member, AdminState state)
    {
        _pools[pool].SetAdmin(member, state);
        Measure();
    }

    /// <summary>The share of a probe's requests that fail now: 1 minus, for each pool on its way, the share of the members
    /// in rotation that serve (none in rotation: all fail). A member whose host does not answer at all is not counted
    /// even before the balancer's checks mark it down: the balancer redispatches a refused connection to another member
    /// (<c>option redispatch</c>); a member that answers wrongly is not retried, its requests fail.</summary>
    public double FailingShare(ProbeSpec probe)
    {
        var now = _clock.GetUtcNow();
        if (_faults.Any(f => f.Kind == FaultKind.ProbeFailing && f.Target == probe.Name && f.ActiveAt(now)))
        {
            return 1;
        }
        var ok = 1.0;
        foreach (var name in probe.Through)
        {
            var rotation = _pools[name].InRotation.Where(m => _hosts[m].Up).ToList();
            ok *= rotation.Count == 0 ? 0 : rotation.Count(m => _hosts[m].Serving(now)) / (double)rotation.Count;
        }
        return 1 - ok;
    }

    /// <summary>Brings the impact meter up to now.</summary>
    public void Measure()
    {
        var customer = _spec.Probes.Where(p => p.Customer).ToList();
        var share = customer.Count == 0 ? 0 : customer.Average(FailingShare);
        var now = _clock.GetUtcNow();
        Impact.Set(now, Math.Round(share, 6), Announced(now));
        Changed?.Invoke();
    }

    /// <summary>The mounts a boot of <paramref name="host"/> now comes up without.</summary>
    private HashSet<string> LostMounts(string host, DateTimeOffset now) =>
        _faults.Where(f => f.Kind == FaultKind.RebootLosesMount && f.Target == host && f.ActiveAt(now))
            .Select(f => f.Detail!).ToHashSet(StringComparer.Ordinal);

    private void Report(SimHost host)
    {
        var now = _clock.GetUtcNow();
        if (host.Report(now) is { } report)
        {
            Reported?.Invoke(report);
        }
        _queue.At(now + host.Spec.ReportEvery, $"report {host.Name}", () => Report(host));
    }

    private void CheckPool(SimPool pool)
    {
        var now = _clock.GetUtcNow();
        // Customers see a change only when a member goes UP or DOWN (every other change measures itself).
        if (pool.Check(member => _hosts[member].Up && (!pool.Spec.DeepChecks || _hosts[member].Serving(now))))
        {
            Measure();
        }
        _queue.At(now + pool.Spec.CheckEvery, $"checks {pool.Spec.Name}", () => CheckPool(pool));
    }

    private readonly Dictionary<string, long> _probeRuns = new(StringComparer.Ordinal);

    private void RunProbe(ProbeSpec probe)
    {
        var now = _clock.GetUtcNow();
        // A probe's request lands on one member: the n-th run of a probe fails when the failing share says the n-th
        // request of a round-robin would (a share of 1/3 fails every third run).
        var n = _probeRuns[probe.Name] = _probeRuns.GetValueOrDefault(probe.Name) + 1;
        var share = FailingShare(probe);
        var failed = Math.Floor(n * share) > Math.Floor((n - 1) * share);
        Probed?.Invoke(probe, !failed, failed ? $"{share:P0} of requests through {string.Join(" → ", probe.Through)} fail" : "ok");
        _queue.At(now + probe.Every, $"probe {probe.Name}", () => RunProbe(probe));
    }

    private void Apply(Fault fault, bool on)
    {
        switch (fault.Kind)
        {
            case FaultKind.HostDown:
                _hosts[fault.Target].Down = on;
                if (!on)
                {
                    // Back from a crash is a new boot.
                    _hosts[fault.Target].FinishReboot(_clock.GetUtcNow(), LostMounts(fault.Target, _clock.GetUtcNow()));
                }
                break;
            case FaultKind.FailingChecks:
                _hosts[fault.Target].SetFailing(fault.Detail!, on);
                break;
        }
        Measure();
    }
}
