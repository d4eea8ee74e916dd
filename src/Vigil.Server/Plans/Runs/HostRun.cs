namespace Vigil.Server.Plans.Runs;

/// <summary>
/// One host's progress in a run: its batch, the results of the steps it has started (in order), and the boot id it
/// had before the plan asked it to reboot (what <c>host_back</c> and <c>post_boot</c> compare against).
/// </summary>
public sealed record HostRun(string Host, int Batch, IReadOnlyList<StepResult> Results)
{
    /// <summary>The boot id seen before the run's latest reboot request (or when the host started); null before.</summary>
    public string? BootBefore { get; init; }

    /// <summary>True when the host failed within <c>max_fail</c>: it stays out of the pool and runs no further step.</summary>
    public bool Failed { get; init; }

    /// <summary>The index of the step this host is at: the first it has not passed or skipped.</summary>
    public int NextStep => Results.Count(r => r.Status is StepStatus.Passed or StepStatus.Skipped);

    /// <summary>The result of its latest step, if any.</summary>
    public StepResult? Last => Results.Count > 0 ? Results[^1] : null;

    /// <summary>True once a step of this host that changes something (HAProxy, agent, webhook) took effect: a halt then keeps it out of the pool.</summary>
    public bool Touched(PlanDefinition plan) => Results.Any(r => r.Status == StepStatus.Passed && plan.Steps[r.Step].Kind is PlanStepKind.Haproxy or PlanStepKind.Agent);
}
