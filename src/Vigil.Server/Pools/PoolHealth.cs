namespace Vigil.Server.Pools;

/// <summary>
/// The pure rules of pools: which members are healthy, given what every HAProxy instance and every agent said,
/// and whether one more may leave. An instance that could not be read never makes anything healthy.
/// </summary>
public static class PoolHealth
{
    public static PoolHealthReport Evaluate(Pool pool, IReadOnlyList<InstanceSnapshot> instances, IReadOnlyDictionary<string, HostStanding> hosts)
    {
        var members = new List<MemberHealth>(pool.Members.Count);
        foreach (var member in pool.Members)
        {
            var reasons = new List<string>();
            var states = new List<MemberInstanceState>(instances.Count);
            foreach (var instance in instances)
            {
                var state = Observe(pool, member, instance);
                states.Add(state);
                if (Problem(pool, member, state) is { } problem)
                {
                    reasons.Add(problem);
                }
            }
            var host = hosts.TryGetValue(member.Host, out var h) ? h : new HostStanding(member.Host, HostAgentState.NoReport, null, null, null, null, 0, []);
            if (host.Problem is { } hostProblem)
            {
                reasons.Add(hostProblem);
            }
            members.Add(new MemberHealth(member, reasons.Count == 0 && instances.Count > 0, reasons, states, host));
        }
        return new PoolHealthReport(pool, members, instances);
    }

    /// <summary>
    /// May <paramref name="serverOrHost"/> leave the pool? Counted without it: refused when fewer than
    /// <c>min_healthy</c> would stay healthy, inconclusive when any instance could not be read.
    /// </summary>
    /// <exception cref="ArgumentException">The pool has no such member (a caller's bug, not a state of the world).</exception>
    public static RemovalVerdict CanRemove(PoolHealthReport report, string serverOrHost)
    {
        var member = report.Find(serverOrHost)
            ?? throw new ArgumentException($"pool {report.Pool.Name} has no member '{serverOrHost}'", nameof(serverOrHost));
        var now = report.HealthyCount;
        var after = member.Healthy ? now - 1 : now;
        var min = report.Pool.MinHealthy;
        var name = $"{member.Member.Server} ({member.Member.Host})";
        if (report.Unreadable is { Count: > 0 } unreadable)
        {
            return new RemovalVerdict(RemovalDecision.Inconclusive, now, after, min,
                $"cannot tell whether pool {report.Pool.Name} can spare {name}: {string.Join("; ", unreadable.Select(i => i.Error!.Message))}");
        }
        if (after < min)
        {
            var healthy = report.Members.Where(m => m.Healthy).Select(m => m.Member.Server).ToList();
            return new RemovalVerdict(RemovalDecision.Refused, now, after, min,
                $"pool {report.Pool.Name} would drop to {after} healthy, below min_healthy {min} (healthy now: {(healthy.Count > 0 ? string.Join(", ", healthy) : "none")})");
        }
        return new RemovalVerdict(RemovalDecision.Allowed, now, after, min,
            $"pool {report.Pool.Name} keeps {after} healthy without {name} (min_healthy {min})");
    }

    private static MemberInstanceState Observe(Pool pool, PoolMember member, InstanceSnapshot instance)
    {
        if (instance.Error is { } error)
        {
            return new MemberInstanceState(instance.Instance, null, null, error);
        }
        var stat = instance.Stat(member.Server);
        var state = instance.State(member.Server);
        return stat is null
            ? new MemberInstanceState(instance.Instance, null, null,
                new RuntimeError(RuntimeErrorKind.NotFound, $"{instance.Instance.Label}: no server {member.Server} in backend {pool.Backend}"))
            : new MemberInstanceState(instance.Instance, stat, state?.Admin, null);
    }

    private static string? Problem(Pool pool, PoolMember member, MemberInstanceState state)
    {
        if (state.Error is { } error)
        {
            return $"HAProxy {error.Message}";
        }
        var stat = state.Stat!;
        if (stat.FullyUp && state.Admin is null or AdminState.Ready)
        {
            return null;
        }
        var label = state.Instance.Label;
        var admin = state.Admin is AdminState.Drain or AdminState.Maint && !stat.StatusText.StartsWith(state.Admin.ToString()!.ToUpperInvariant(), StringComparison.Ordinal)
            ? $", set to {state.Admin.ToString()!.ToLowerInvariant()}" : "";
        var check = stat.CheckStatus is { } cs && stat.Status is not (ServerStatus.Maint or ServerStatus.Drain)
            ? $" ({cs}{(stat.CheckCode is { } code ? " " + code : "")}{(stat.CheckDescription is { } d ? ": " + d : "")}{(stat.LastCheck is { } l ? ", " + l : "")})" : "";
        var rising = stat.Status == ServerStatus.Up && stat.ThrottlePercent is { } t ? $", slow start at {t}%"
            : stat.Status == ServerStatus.Up ? ", checks not at full health" : "";
        return $"HAProxy {label}: {pool.Backend}/{member.Server} is {stat.StatusText}{rising}{admin}{check}";
    }
}
