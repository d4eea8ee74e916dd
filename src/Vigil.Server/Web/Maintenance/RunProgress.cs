using Vigil.Server.Plans.Runs;

namespace Vigil.Server.Web.Maintenance;

/// <summary>
/// How far a run got, counted in one pass over its hosts: host steps passed or skipped of all host steps, the batch
/// it is in, and the host and step it is at (or halted at, or paused on).
/// </summary>
internal sealed record RunProgress(int Done, int Total, int Batch, string Where)
{
    public static RunProgress Of(PlanRun run)
    {
        var steps = run.Plan.Steps.Count;
        var done = 0;
        foreach (var h in run.Hosts)
        {
            done += h.Failed ? steps : Math.Min(h.NextStep, steps);
        }
        var where = run.State switch
        {
            RunState.Halted when run.Halt is { } halt => $"halted: {halt.Host} at {StepName(run, halt.Step)}",
            RunState.Succeeded => "every host done",
            RunState.Aborted => "aborted",
            _ => Current(run),
        };
        if (run.State == RunState.Paused && run.PauseReason is { } why)
        {
            where += $" ({why})";
        }
        return new RunProgress(done, Math.Max(1, run.Hosts.Count * steps), Math.Min(run.Batch + 1, run.BatchCount), where);
    }

    public static string StepName(PlanRun run, int step) =>
        step >= 0 && step < run.Plan.Steps.Count ? $"step {step + 1}, {run.Plan.Steps[step]}" : $"step {step + 1}";

    /// <summary>The badge colour of a run state.</summary>
    public static string BadgeClass(RunState state) => state switch
    {
        RunState.Halted or RunState.Aborted => "critical",
        RunState.Paused => "warning",
        RunState.Succeeded => "ok",
        _ => "info",
    };

    /// <summary>The badge colour of a host's or step's state.</summary>
    public static string BadgeClass(string state) => state switch
    {
        "failed" or "halted" => "critical",
        "inconclusive" or "skipped" => "warning",
        "done" or "passed" => "ok",
        "running" or "in_progress" => "info",
        _ => "",
    };

    private static string Current(PlanRun run)
    {
        var running = run.Hosts.Where(h => h.Last is { Status: StepStatus.Running }).ToList();
        if (running.Count == 0)
        {
            return run.State == RunState.Paused ? "paused" : "between steps";
        }
        var first = running[0];
        var more = running.Count > 1 ? $" (+{running.Count - 1} more)" : "";
        return $"{first.Host}{more} at {StepName(run, first.Last!.Step)}";
    }
}
