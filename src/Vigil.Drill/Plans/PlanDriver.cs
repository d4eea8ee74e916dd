using Vigil.Drill.Run;
using Vigil.Server.Maintenance;
using Vigil.Server.Plans;
using Vigil.Server.Plans.Runs;
using Vigil.Server.Pools;

namespace Vigil.Drill.Plans;

/// <summary>
/// Plan runs in a drill: the server's <see cref="RunRules"/> decide what runs next, what an outcome does (pass, fail
/// within <c>max_fail</c>, halt, pause) and when batches move on; each step is carried out against the simulated
/// world by <see cref="DrillSteps"/> (the server's gates judge the simulated pool's rows and hosts' reports). A
/// halt keeps a touched member in maintenance and pages the watcher, as <c>PlanHalts</c> does; the run's window is
/// opened over its hosts and narrowed with <see cref="PlanWindowRules"/>.
/// </summary>
internal sealed class PlanDriver(DrillWorld world)
{
    /// <summary>How often a step that waits looks again (the server's executor polls every 100 ms; a second is
    /// enough at the drill's scale of minutes and keeps a night's run short).</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly List<PlanRun> _runs = [];
    private readonly DrillSteps _steps = new(world);

    public IReadOnlyList<PlanRun> Runs => _runs;

    public void Start(PlanDefinition plan, string by)
    {
        var now = world.Clock.GetUtcNow();
        var resolved = PlanHosts.Resolve(plan, world.Fleet.Pools.Select(p => p.Pool).ToList(), world.Fleet.Hosts.Select(h => h.Name));
        if (resolved.Problem is { } problem)
        {
            world.Log.Add(now, "plan", $"plan {plan.Name} not started by {by}: hosts: {problem}");
            return;
        }
        var created = RunRules.Create($"run-{_runs.Count + 1}", plan, resolved.Hosts, by, now);
        var index = _runs.Count;
        _runs.Add(created.Next);
        Record(created.Events);
        if (plan.Window is { } w)
        {
            OpenWindow(index, w, resolved.Hosts, by);
        }
        Advance(index);
    }

    private void OpenWindow(int index, PlanWindow w, IReadOnlyList<string> hosts, string by)
    {
        var run = _runs[index];
        var now = world.Clock.GetUtcNow();
        var length = PlanLength.Expected(run.Plan, run.BatchCount, world.Config.Maintenance.MaxLength);
        var draft = PlanWindowRules.Draft(run, w, hosts, length);
        var (window, error) = WindowBuilder.Build(draft, $"{run.Id}-window", world.Config.Maintenance, now, mustEndInFuture: true);
        if (window is null)
        {
            world.Log.Add(now, "plan", $"plan {run.Plan.Name}: window refused: {error}");
            return;
        }
        _runs[index] = run with { WindowId = window.Id };
        world.Windows.Open(window with { CreatedAt = now, UpdatedAt = now }, by);
        SyncWindow(index);
    }

    private void Advance(int index)
    {
        var now = world.Clock.GetUtcNow();
        if (RunRules.Settle(_runs[index], now) is { } settled)
        {
            Change(index, settled);
        }
        if (RunRules.Next(_runs[index]) is not { } work)
        {
            return;
        }
        foreach (var host in work.Hosts)
        {
            if (_runs[index].Find(host)!.Last is not { Status: StepStatus.Running })
            {
                Change(index, RunRules.Start(_runs[index], host, work.Step, now));
            }
        }
        var pending = false;
        foreach (var host in work.Hosts)
        {
            var run = _runs[index];
            var result = run.Find(host)!.Last!;
            if (result.Status != StepStatus.Running || result.Step != work.Step)
            {
                continue;
            }
            var seen = _steps.Run(run, work, host, result, note: (boot) => _runs[index] = RunRules.Note(_runs[index], host, work.Step, null, boot, now));
            if (seen is null)
            {
                pending = true;
                continue;
            }
            Change(index, RunRules.Apply(_runs[index], host, work.Step, seen, now));
            if (_runs[index].State == RunState.Halted)
            {
                Halted(index);
                return;
            }
        }
        if (_runs[index].State != RunState.Running)
        {
            return;
        }
        world.Queue.At(pending ? now + Poll : now, $"plan {_runs[index].Id}", () => Advance(index));
    }

    private void Change(int index, RunChange change)
    {
        _runs[index] = change.Next;
        Record(change.Events);
        SyncWindow(index);
    }

    private void SyncWindow(int index)
    {
        var run = _runs[index];
        if (run.WindowId is not { } id)
        {
            return;
        }
        if (PlanWindowRules.EndsWindow(run))
        {
            world.Windows.End(id, $"plan-run:{run.Id}");
            return;
        }
        world.Windows.Expect(id, PlanWindowRules.Expected(run));
    }

    private void Halted(int index)
    {
        var run = _runs[index];
        var halt = run.Halt!;
        var host = run.Find(halt.Host)!;
        if (host.Touched(run.Plan) && DrillSteps.PoolOf(world, run, halt.Host) is { } pool)
        {
            world.Fleet.SetAdmin(pool.Spec.Name, halt.Host, AdminState.Maint);
            world.Log.Add(world.Clock.GetUtcNow(), "plan", $"{halt.Host} is kept out of pool {pool.Spec.Name} (maint)");
        }
        var title = $"Plan {run.Plan.Name} halted on {halt.Host} at {run.Plan.Steps[halt.Step]}";
        var named = world.Config.Plans.EscalationPolicy;
        var policy = named is not null && world.Config.EscalationPolicies.TryGetValue(named, out var p) ? p
            : run.Plan.Window is { } w ? People.Pager.Direct("plan-watcher", w.Watcher) : null;
        if (policy is null)
        {
            world.Log.Add(world.Clock.GetUtcNow(), "plan", "no plans.escalation_policy and no window watcher: the halt is only shown");
            return;
        }
        world.Pager.Request($"plan-run:{run.Id}:{halt.Host}:{halt.Step}", policy, title, $"{title}: {halt.Reason}");
    }

    private void Record(IReadOnlyList<RunEvent> events)
    {
        foreach (var e in events)
        {
            var where = e.Host is null ? "" : $" {e.Host}";
            world.Log.Add(e.At, "plan", $"{e.RunId}{where} {e.Kind}: {e.Detail}");
            if (e.Kind == "step_failed" && e.Step is { } failed && _runs.FirstOrDefault(r => r.Id == e.RunId) is { } refusing
                && refusing.Plan.Steps[failed].Kind is PlanStepKind.Gate or PlanStepKind.Verify)
            {
                world.Guardrail(e.At, $"plan {refusing.Plan.Name} stopped{where} at {e.Detail}");
            }
            if (e.Kind == "step_passed" && e.Step is { } s && _runs.FirstOrDefault(r => r.Id == e.RunId) is { } run
                && run.Plan.Steps[s] is { Kind: PlanStepKind.Haproxy, What: "ready" } && e.Host is { } h)
            {
                world.Invariants.PutBack(h, world.Hosts.Get(h), e.At);
            }
        }
    }
}
