namespace Vigil.Server.Plans.Runs;

/// <summary>
/// <c>"dryRun": true</c>: the run that would be made (hosts in batches, steps) and every gate evaluated against the live
/// state now, for every host, as if its batch were about to start. Nothing is changed, requested or stored.
/// </summary>
internal sealed class PlanDryRun(StepExecutor executor, TimeProvider clock)
{
    public sealed record GateView(int Batch, string Host, int Step, string Name, string Verdict, string Reason, IReadOnlyList<string> Failures);

    public sealed record DryRunView(string Plan, IReadOnlyList<IReadOnlyList<string>> Batches, IReadOnlyList<string> Steps, int MaxFail,
        string? Window, IReadOnlyList<GateView> Gates, IReadOnlyList<string> WouldRefuse);

    public async Task<DryRunView> EvaluateAsync(PlanDefinition plan, IReadOnlyList<string> hosts, CancellationToken ct)
    {
        var run = RunRules.Create("dry-run", plan, hosts, "dry-run", clock.GetUtcNow()).Next;
        var batches = Enumerable.Range(0, run.BatchCount).Select(b => (IReadOnlyList<string>)[.. run.InBatch(b).Select(h => h.Host)]).ToList();
        var gates = new List<GateView>();
        for (var b = 0; b < batches.Count; b++)
        {
            foreach (var host in batches[b])
            {
                for (var s = 0; s < plan.Steps.Count; s++)
                {
                    if (plan.Steps[s].Kind != PlanStepKind.Gate)
                    {
                        continue;
                    }
                    var started = RunRules.Start(run, host, s, clock.GetUtcNow()).Next;
                    var context = new StepContext(started, started.Find(host)!, s, batches[b], (_, _) => Task.CompletedTask);
                    var seen = await executor.GateAsync(context, plan.Steps[s].What, ct).ConfigureAwait(false);
                    gates.Add(new GateView(b + 1, host, s, plan.Steps[s].ToString(), seen.Verdict.ToString().ToLowerInvariant(), seen.Reason, seen.Failures ?? []));
                }
            }
        }
        var refused = gates.Where(g => g.Verdict != "passed").Select(g => $"batch {g.Batch}, {g.Host}, {g.Name}: {g.Verdict}: {g.Reason}").ToList();
        var window = plan.Window is { } w
            ? $"would open a maintenance window over {hosts.Count} host(s) for {PlanLength.Text(PlanLength.Expected(plan, run.BatchCount, TimeSpan.MaxValue))} watched by {w.Watcher} (the watcher rule is checked when the run starts)"
            : null;
        return new DryRunView(plan.Name, batches, [.. plan.Steps.Select(s => s.ToString())], plan.MaxFail, window, gates, refused);
    }
}
