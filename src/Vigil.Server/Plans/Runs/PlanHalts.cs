using Microsoft.Extensions.Logging;
using Vigil.Server.Config;
using Vigil.Server.Escalation;
using Vigil.Server.Pools;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// What a halt does besides stopping: the failed member stays out of the pool (<c>maint</c> in every instance) when
/// the run had already taken it out or touched its host, and the watcher is paged through the escalation engine
/// (<c>plans.escalation_policy</c>, else the window's watcher directly) with the plan, run, host, step, the failing
/// checks and the commands to retry, skip or abort. Both are recorded on the run.
/// </summary>
internal sealed partial class PlanHalts(PlanRunService runs, StepExecutor executor, PoolService pools, PageService pages, ConfigHolder config,
    TimeProvider clock, ILogger<PlanHalts> logger)
{
    public async Task HandleAsync(PlanRun run, CancellationToken ct)
    {
        if (run.Halt is not { } halt || run.Find(halt.Host) is not { } host)
        {
            return;
        }
        if (host.Touched(run.Plan) && executor.PoolOf(run, host.Host) is { } pm)
        {
            // Noted before the page goes out, so whoever reads the run when paged already sees whether the member is out.
            var kept = await pools.MaintAsync(pm.Pool, pm.Member, ct).ConfigureAwait(false);
            await runs.NoteAsync(run.Id, [RunEvent.Of(run.Id, clock.GetUtcNow(), kept.Succeeded ? "kept_out" : "kept_out_failed", kept.Describe(), halt.Host, halt.Step)], ct)
                .ConfigureAwait(false);
        }
        await runs.NoteAsync(run.Id, [await PageAsync(run, halt, ct).ConfigureAwait(false)], ct).ConfigureAwait(false);
    }

    private async Task<RunEvent> PageAsync(PlanRun run, RunHalt halt, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stepName = run.Plan.Steps[halt.Step].ToString();
        var title = $"Plan {run.Plan.Name} halted on {halt.Host} at {stepName}";
        var details = string.Join('\n', new[]
        {
            $"plan: {run.Plan.Name}", $"run: {run.Id}", $"host: {halt.Host}", $"step: {halt.Step + 1} ({stepName})", $"why: {halt.Reason}",
        }.Concat(halt.Failures.Select(f => "failing: " + f))
         .Append(run.Find(halt.Host)!.Touched(run.Plan) ? $"{halt.Host} is kept out of its pool (maint in every HAProxy instance)" : $"{halt.Host} was not touched")
         .Concat(PlanRunJson.Commands(run.Id).Select(c => "then: " + c)));
        var key = $"plan-run:{run.Id}:{halt.Host}:{halt.Step}:{halt.At.ToUnixTimeMilliseconds()}";
        var named = config.Current.Plans.EscalationPolicy;
        EscalationPolicy? policy = named is not null && config.Current.EscalationPolicies.TryGetValue(named, out var p) ? p
            : run.Plan.Window is { } w ? new EscalationPolicy($"plan-watcher:{w.Watcher}", [new EscalationLevel([new EscalationTarget(TargetKind.Person, w.Watcher)], TimeSpan.FromMinutes(5), false)], 0, null)
            : null;
        if (policy is null)
        {
            LogNotPaged(run.Id, halt.Host);
            return RunEvent.Of(run.Id, now, "not_paged", "no plans.escalation_policy and no window watcher: the halt is only shown and logged", halt.Host, halt.Step);
        }
        var request = new PageRequest(key, $"plan-run:{run.Id}", "plans", policy.Name, "", null, title, details);
        var id = await pages.OpenAsync(request, policy, ct).ConfigureAwait(false);
        LogPaged(run.Id, halt.Host, policy.Name, id ?? 0);
        return RunEvent.Of(run.Id, clock.GetUtcNow(), "paged", id is { } pageId ? $"page {pageId} through {policy.Name}: {title}" : $"a page for this halt is already open ({policy.Name})",
            halt.Host, halt.Step);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan run {Id} halted on {Host}; nobody to page (no plans.escalation_policy, no window)")]
    private partial void LogNotPaged(string id, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plan run {Id} halted on {Host}; paged through {Policy} (page {Page})")]
    private partial void LogPaged(string id, string host, string policy, long page);
}
