using Vigil.Drill.Fleet;
using Vigil.Drill.Run;
using Vigil.Server.Plans;
using Vigil.Server.Plans.Runs;
using Vigil.Server.Pools;

namespace Vigil.Drill.Plans;

/// <summary>
/// One plan step carried out against the simulated world, as the server's <c>StepExecutor</c> carries it out against
/// the real one: the gates and verifications are the server's (<see cref="PlanGates"/> over the simulated pool's rows
/// and the hosts' reports), the balancer commands set the simulated pool, agent actions act on the simulated host.
/// Null means "not yet": the step waits and is looked at again.
/// </summary>
internal sealed class DrillSteps(DrillWorld world)
{
    public static SimPool? PoolOf(DrillWorld world, PlanRun run, string host) =>
        (run.Plan.Targets.Pool is { } name && world.Fleet.Pool(name) is { } named ? [named] : world.Fleet.Pools)
        .FirstOrDefault(p => p.Spec.Members.Contains(host));

    public Observation? Run(PlanRun run, RunWork work, string host, StepResult current, Action<string?> note)
    {
        var step = run.Plan.Steps[work.Step];
        var now = world.Clock.GetUtcNow();
        var elapsed = now - current.StartedAt;
        var gates = world.Scenario.Policy.PlanGates;
        switch (step.Kind)
        {
            case PlanStepKind.Gate:
                return gates ? Gate(run, work, host, step) : Observation.Pass($"gate {step.What} not checked (plan gates off)");
            case PlanStepKind.Haproxy:
                if (PoolOf(world, run, host) is not { } pool)
                {
                    return Observation.Fail($"{host} is a member of no pool");
                }
                var state = step.What switch { "drain" => AdminState.Drain, "maint" => AdminState.Maint, _ => AdminState.Ready };
                world.Fleet.SetAdmin(pool.Spec.Name, host, state);
                return Observation.Pass($"{host} set to {state.ToString().ToLowerInvariant()} in pool {pool.Spec.Name}");
            case PlanStepKind.Agent:
                return Agent(host, step, note);
            case PlanStepKind.Wait:
                return Wait(run, host, step, elapsed);
            case PlanStepKind.Verify:
                return Verify(run, host, step, current, elapsed);
            default:
                return Observation.Pass($"webhook {step.Url} (not sent in a drill)");
        }
    }

    private Observation Gate(PlanRun run, RunWork work, string host, PlanStep step)
    {
        var now = world.Clock.GetUtcNow();
        switch (step.What)
        {
            case "pool_min_healthy":
                if (PoolOf(world, run, host) is not { } pool)
                {
                    return Observation.Fail($"{host} is a member of no pool");
                }
                var standings = pool.Spec.Members.ToDictionary(m => m,
                    m => HostStanding.Of(m, world.Hosts.Get(m), world.Config.Hosts, now), StringComparer.Ordinal);
                var report = PoolHealth.Evaluate(pool.Pool, [pool.Snapshot()], standings);
                return PlanGates.PoolMinHealthy(report, [.. work.Hosts.Where(pool.Spec.Members.Contains)]);
            case "no_firing":
                return PlanGates.NoFiring(world.Alerts(), step.Matchers, step.HostScoped ? host : null, now);
            case "oncall":
                return PlanGates.OnCall(run, world.Config.Maintenance.WatcherSchedule, world.OnCall, now);
            default:
                return Observation.Fail($"unknown gate {step.What}");
        }
    }

    private Observation Agent(string host, PlanStep step, Action<string?> note)
    {
        var sim = world.Fleet.Host(host);
        switch (step.What)
        {
            case "reboot":
                note(world.Hosts.Get(host)?.BootId);
                world.Fleet.Reboot(host);
                return Observation.Pass($"agent of {host} is running reboot");
            case "mount-all":
                foreach (var m in sim.Spec.Mounts)
                {
                    world.Fleet.Mount(host, m);
                }
                return Observation.Pass($"agent action mount-all on {host} succeeded");
            default:
                if (step.What.StartsWith("restart", StringComparison.Ordinal))
                {
                    foreach (var s in sim.Spec.Services.Where(s => step.What.Contains(s, StringComparison.Ordinal)))
                    {
                        world.Fleet.Restart(host, s, TimeSpan.FromSeconds(30));
                    }
                }
                return sim.Up ? Observation.Pass($"agent action {step.What} on {host} succeeded") : Observation.Fail($"agent action {step.What}: {host} does not answer");
        }
    }

    private Observation? Wait(PlanRun run, string host, PlanStep step, TimeSpan elapsed)
    {
        switch (step.What)
        {
            case "drained":
                return Observation.Pass($"{host} has no sessions left");
            case "haproxy_up":
                if (PoolOf(world, run, host) is not { } pool)
                {
                    return Observation.Fail($"{host} is a member of no pool");
                }
                return pool.IsUp(host) ? Observation.Pass($"{host} is UP in pool {pool.Spec.Name}")
                    : elapsed >= (step.Timeout ?? PlanStepDefaults.HaproxyUp) ? Observation.Fail($"{host} not UP within {step.Timeout ?? PlanStepDefaults.HaproxyUp}") : null;
            case "host_back":
                var before = run.Find(host)!.BootBefore;
                return world.Hosts.Get(host) is { } h && h.BootId != before ? Observation.Pass($"{host} reported with a new boot id {h.BootId}")
                    : elapsed >= (step.Timeout ?? PlanStepDefaults.HostBack) ? Observation.Fail($"{host} made no report with a new boot id within {step.Timeout ?? PlanStepDefaults.HostBack}") : null;
            default:
                var duration = step.Duration ?? step.Timeout ?? TimeSpan.Zero;
                return elapsed >= duration ? Observation.Pass($"waited {duration}") : null;
        }
    }

    private Observation? Verify(PlanRun run, string host, PlanStep step, StepResult current, TimeSpan elapsed)
    {
        var timeout = step.Timeout ?? PlanStepDefaults.Verify;
        switch (step.What)
        {
            case "post_boot":
                if (!world.Scenario.Policy.PostBootVerification)
                {
                    return Observation.Pass("post-boot checks not verified (post-boot verification off)");
                }
                return PlanGates.PostBoot(world.Hosts.Get(host), run.Find(host)!.BootBefore)
                    ?? (elapsed >= timeout ? Observation.NoData($"no report from {host} after a new boot within {timeout}") : null);
            case "probe":
                var name = step.Probe ?? "";
                if (world.Fleet.Probe(name) is null)
                {
                    return Observation.Fail($"no probe {name} in the fleet");
                }
                return world.Probes.UpSince(name, current.StartedAt) ? Observation.Pass($"probe {name} up")
                    : elapsed >= timeout ? Observation.Fail($"probe {name} not up within {timeout}") : null;
            default:
                return PlanGates.NoFiring(world.Alerts(), step.Matchers, step.HostScoped ? host : null, world.Clock.GetUtcNow());
        }
    }
}
