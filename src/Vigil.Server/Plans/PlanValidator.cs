using Vigil.Server.Config;

namespace Vigil.Server.Plans;

/// <summary>
/// Checks a plan that was read against a loaded configuration (pure): the pool, probes, schedule and people it names
/// exist; hosts that steps act on through HAProxy are each a member of exactly one pool; and no order of steps leaves a
/// host in a dangerous state — a reboot nobody waits for, a host taken out of its pool and never put back. Putting a
/// rebooted host back without <c>verify: post_boot</c> is a warning.
/// </summary>
public static class PlanValidator
{
    public static PlanCheck Check(PlanDefinition plan, VigilConfig config)
    {
        var errors = new List<PlanProblem>();
        var warnings = new List<PlanProblem>();
        void Add(List<PlanProblem> to, string key, string reason) => to.Add(new PlanProblem(plan.SourceName, plan.LineOf(key), plan.KeyOf(key), reason));

        CheckHosts(plan, config, m => Add(errors, m.Key, m.Reason));
        if (plan.Window is { } window)
        {
            foreach (var (key, person) in new[] { ("window.watcher", window.Watcher), ("window.backup", window.Backup) })
            {
                if (!config.Oncall.People.ContainsKey(person))
                {
                    Add(errors, key, $"no person named \"{person}\" (see people:)");
                }
            }
            if (window.Schedule is { } schedule && config.Oncall.FindSchedule(schedule) is null)
            {
                Add(errors, "window.schedule", $"no schedule named \"{schedule}\" (see schedules:)");
            }
        }
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            if (plan.Steps[i] is { Kind: PlanStepKind.Verify, What: "probe", Probe: { } probe } && config.Probes.All(p => p.Name != probe))
            {
                Add(errors, $"steps[{i}].probe", $"no probe named \"{probe}\" (see probes:)");
            }
        }
        var structure = CheckStructure(plan);
        return new PlanCheck([.. errors.Concat(structure.Errors).OrderBy(p => p.Line)], [.. warnings.Concat(structure.Warnings).OrderBy(p => p.Line)]);
    }

    /// <summary>The checks that need no configuration (what <c>vigil plan validate FILE</c> can tell offline): the order of steps, and a window for <c>gate: oncall</c>.</summary>
    public static PlanCheck CheckStructure(PlanDefinition plan)
    {
        var errors = new List<PlanProblem>();
        var warnings = new List<PlanProblem>();
        void Add(List<PlanProblem> to, string key, string reason) => to.Add(new PlanProblem(plan.SourceName, plan.LineOf(key), plan.KeyOf(key), reason));
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            if (plan.Steps[i] is { Kind: PlanStepKind.Gate, What: "oncall" } && plan.Window is null)
            {
                Add(errors, $"steps[{i}]", "gate: oncall checks that the window's watcher is on call, but the plan has no window: (watcher, backup)");
            }
        }
        PlanOrder.Check(plan.Steps, (i, reason) => Add(errors, $"steps[{i}]", reason), (i, reason) => Add(warnings, $"steps[{i}]", reason));
        return new PlanCheck([.. errors.OrderBy(p => p.Line)], [.. warnings.OrderBy(p => p.Line)]);
    }

    private static void CheckHosts(PlanDefinition plan, VigilConfig config, Action<(string Key, string Reason)> error)
    {
        if (plan.Targets.Pool is { } pool)
        {
            if (config.Pools.All(p => p.Name != pool))
            {
                var names = config.Pools.Count == 0 ? "no pools are configured" : "pools: has " + string.Join(", ", config.Pools.Select(p => p.Name));
                error(("hosts.pool", $"no pool named \"{pool}\" ({names})"));
            }
            return;
        }
        // Hosts given by match are known only when the plan runs; PlanHosts.Resolve checks them then.
        if (PlanHosts.NeedsPool(plan) is not { } step)
        {
            return;
        }
        var listKey = plan.Lines.ContainsKey("hosts.list") ? "hosts.list" : "hosts";
        for (var i = 0; i < plan.Targets.Hosts.Count; i++)
        {
            var host = plan.Targets.Hosts[i];
            var pools = config.Pools.Where(p => p.Members.Any(m => m.Host == host)).ToList();
            if (pools.Count != 1)
            {
                error(($"{listKey}[{i}]", PlanHosts.MembershipProblem(host, pools, step)));
            }
        }
    }
}
