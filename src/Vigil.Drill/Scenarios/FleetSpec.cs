namespace Vigil.Drill.Scenarios;

/// <summary>The simulated fleet (<c>fleet</c>): hosts with agents, load-balanced pools, customer probes.</summary>
internal sealed record FleetSpec(IReadOnlyList<HostSpec> Hosts, IReadOnlyList<PoolSpec> Pools, IReadOnlyList<ProbeSpec> Probes)
{
    public HostSpec? Host(string name) => Hosts.FirstOrDefault(h => h.Name == name);

    public PoolSpec? Pool(string name) => Pools.FirstOrDefault(p => p.Name == name);
}

/// <summary>
/// A host and what its agent checks (<c>fleet.hosts[]</c>): the mounts it must have, the services it runs, how often
/// its agent reports and how long a reboot takes.
/// </summary>
internal sealed record HostSpec(string Name, TimeSpan ReportEvery, IReadOnlyList<string> Mounts, IReadOnlyList<string> Services, TimeSpan RebootTakes)
{
    public static readonly TimeSpan DefaultReportEvery = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultRebootTakes = TimeSpan.FromMinutes(3);
}

/// <summary>
/// A pool behind a load balancer (<c>fleet.pools[]</c>): its members (host names, also the HAProxy server names),
/// <c>min_healthy</c>, and whether the balancer's health check sees a host's failing checks (<c>deep_checks</c>; the
/// default, false, is an HTTP check that passes while the service answers at all, as in the seed's night).
/// </summary>
internal sealed record PoolSpec(string Name, IReadOnlyList<string> Members, int MinHealthy, bool DeepChecks, TimeSpan CheckEvery)
{
    public static readonly TimeSpan DefaultCheckEvery = TimeSpan.FromSeconds(2);
}

/// <summary>
/// A customer probe (<c>fleet.probes[]</c>): a request every interval, as a customer makes it, through one pool or a
/// chain of them (<c>through: [edge, app]</c>: the balancers, then the application servers behind them).
/// </summary>
internal sealed record ProbeSpec(string Name, IReadOnlyList<string> Through, TimeSpan Every, bool Customer)
{
    public static readonly TimeSpan DefaultEvery = TimeSpan.FromSeconds(30);
}
