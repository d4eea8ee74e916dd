using Vigil.Server.Pools;

namespace Vigil.Server.Plans;

/// <summary>
/// The hosts a plan works on (pure): a pool's members in the pool's order, a list in its order, or the known hosts
/// whose names match, sorted by name. Steps that act through HAProxy need each host's pool, so each host must then be
/// a member of exactly one pool.
/// </summary>
public static class PlanHosts
{
    /// <summary>The label hosts are matched on by <c>hosts: {match: [...]}</c>: a host's name.</summary>
    public const string HostLabel = "host";

    /// <summary>
    /// Resolves <paramref name="plan"/>'s hosts against the configured <paramref name="pools"/> and the hosts known now
    /// (<paramref name="knownHosts"/>: those whose agents have reported, from <c>HostService</c>).
    /// </summary>
    public static ResolvedHosts Resolve(PlanDefinition plan, IReadOnlyList<Pool> pools, IEnumerable<string> knownHosts)
    {
        var targets = plan.Targets;
        if (targets.Pool is { } name)
        {
            if (pools.FirstOrDefault(p => p.Name == name) is not { } pool)
            {
                return ResolvedHosts.Failed($"no pool named \"{name}\" (pools: has {Names(pools.Select(p => p.Name))})");
            }
            return new ResolvedHosts([.. pool.Members.Select(m => m.Host)], pool.Members.ToDictionary(m => m.Host, _ => pool, StringComparer.Ordinal), null);
        }
        List<string> hosts;
        if (targets.Matchers.Count > 0)
        {
            hosts = [.. knownHosts.Distinct(StringComparer.Ordinal).Where(h => targets.Matchers.All(m => m.Matches(h))).Order(StringComparer.Ordinal)];
            if (hosts.Count == 0)
            {
                return ResolvedHosts.Failed($"no known host matches {Labels.Matcher.ListToString(targets.Matchers)} (hosts are known once their agents report)");
            }
        }
        else
        {
            hosts = [.. targets.Hosts];
        }
        var poolOf = new Dictionary<string, Pool>(StringComparer.Ordinal);
        var step = NeedsPool(plan);
        foreach (var host in hosts)
        {
            var of = pools.Where(p => p.Members.Any(m => m.Host == host)).ToList();
            if (of.Count == 1)
            {
                poolOf[host] = of[0];
            }
            else if (step is not null)
            {
                return ResolvedHosts.Failed(MembershipProblem(host, of, step));
            }
        }
        return new ResolvedHosts(hosts, poolOf, null);
    }

    /// <summary>The first step that acts on or reads the host's pool (haproxy, <c>gate: pool_min_healthy</c>,
    /// <c>wait: drained|haproxy_up</c>), with its index; null when the plan never needs a pool.</summary>
    public static (int Index, PlanStep Step)? NeedsPool(PlanDefinition plan)
    {
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var s = plan.Steps[i];
            if (s.Kind == PlanStepKind.Haproxy
                || s is { Kind: PlanStepKind.Gate, What: "pool_min_healthy" }
                || s is { Kind: PlanStepKind.Wait, What: "drained" or "haproxy_up" })
            {
                return (i, s);
            }
        }
        return null;
    }

    /// <summary>Why <paramref name="host"/>, a member of <paramref name="pools"/>, cannot be worked on by a step that needs its pool.</summary>
    internal static string MembershipProblem(string host, IReadOnlyList<Pool> pools, (int Index, PlanStep Step)? step)
    {
        var needs = step is { } s ? $"steps[{s.Index}] ({s.Step}) needs its pool" : "its pool is needed";
        return pools.Count == 0
            ? $"host \"{host}\" is not a member of any pool, but {needs}"
            : $"host \"{host}\" is a member of {pools.Count} pools ({Names(pools.Select(p => p.Name))}), but {needs} and it must be exactly one";
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
