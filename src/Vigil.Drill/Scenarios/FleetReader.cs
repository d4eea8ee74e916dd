using Vigil.Server.Config;

namespace Vigil.Drill.Scenarios;

/// <summary>Reads <c>fleet:</c> — hosts, pools and probes — and checks that every name it refers to exists.</summary>
internal static class FleetReader
{
    private static readonly HashSet<string> FleetKnown = new(StringComparer.Ordinal) { "hosts", "pools", "probes" };
    private static readonly HashSet<string> HostKnown = new(StringComparer.Ordinal) { "name", "report_every", "mounts", "services", "reboot_takes" };
    private static readonly HashSet<string> PoolKnown = new(StringComparer.Ordinal) { "name", "members", "min_healthy", "deep_checks", "check_every" };
    private static readonly HashSet<string> ProbeKnown = new(StringComparer.Ordinal) { "name", "pool", "through", "every", "customer" };

    public static FleetSpec Read(YamlCursor? node)
    {
        if (node is null)
        {
            return new FleetSpec([], [], []);
        }
        var fleet = node.Map(FleetKnown);
        var hosts = new List<HostSpec>();
        foreach (var item in fleet.Get("hosts")?.Items() ?? [])
        {
            var h = item.Map(HostKnown);
            var name = Name(h, hosts.Select(x => x.Name), "host");
            hosts.Add(new HostSpec(
                name,
                Positive(h.Get("report_every")) ?? HostSpec.DefaultReportEvery,
                h.Get("mounts")?.Strings() ?? [],
                h.Get("services")?.Strings() ?? [],
                Positive(h.Get("reboot_takes")) ?? HostSpec.DefaultRebootTakes));
        }
        var hostNames = hosts.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        var pools = new List<PoolSpec>();
        foreach (var item in fleet.Get("pools")?.Items() ?? [])
        {
            var p = item.Map(PoolKnown);
            var name = Name(p, pools.Select(x => x.Name), "pool");
            var membersNode = p.Required("members");
            var members = membersNode.Strings();
            foreach (var (member, i) in members.Select((m, i) => (m, i)))
            {
                if (!hostNames.Contains(member))
                {
                    throw membersNode.Items()[i].Error($"no host named \"{member}\" in fleet.hosts");
                }
            }
            var minNode = p.Required("min_healthy");
            var min = minNode.Int();
            if (min < 0 || min > members.Count)
            {
                throw minNode.Error($"must be from 0 to the number of members ({members.Count})");
            }
            pools.Add(new PoolSpec(name, members, (int)min, p.Get("deep_checks")?.Bool() ?? false,
                Positive(p.Get("check_every")) ?? PoolSpec.DefaultCheckEvery));
        }
        var probes = new List<ProbeSpec>();
        foreach (var item in fleet.Get("probes")?.Items() ?? [])
        {
            var p = item.Map(ProbeKnown);
            var name = Name(p, probes.Select(x => x.Name), "probe");
            var through = Through(p, pools);
            probes.Add(new ProbeSpec(name, through, Positive(p.Get("every")) ?? ProbeSpec.DefaultEvery, p.Get("customer")?.Bool() ?? true));
        }
        return new FleetSpec(hosts, pools, probes);
    }

    private static IReadOnlyList<string> Through(YamlMap probe, List<PoolSpec> pools)
    {
        var single = probe.Get("pool");
        var chain = probe.Get("through");
        if ((single is null) == (chain is null))
        {
            throw probe.Owner.Error("give the pool customers reach (pool: NAME) or the chain of pools (through: [A, B]), one of them");
        }
        var nodes = single is not null ? [single] : chain!.Items();
        foreach (var node in nodes)
        {
            if (pools.All(x => x.Name != node.Text()))
            {
                throw node.Error($"no pool named \"{node.Text()}\" in fleet.pools");
            }
        }
        return nodes.Count > 0 ? [.. nodes.Select(n => n.Text())] : throw chain!.Error("names no pool");
    }

    private static string Name(YamlMap map, IEnumerable<string> taken, string what)
    {
        var node = map.Required("name");
        var name = node.Text();
        if (name.Length == 0)
        {
            throw node.Error($"a {what} needs a name");
        }
        if (taken.Contains(name, StringComparer.Ordinal))
        {
            throw node.Error($"a second {what} named \"{name}\"");
        }
        return name;
    }

    internal static TimeSpan? Positive(YamlCursor? node)
    {
        if (node is null)
        {
            return null;
        }
        var d = node.Duration();
        return d > TimeSpan.Zero ? d : throw node.Error("must be longer than 0s");
    }
}
