namespace Vigil.Server.Plans;

/// <summary>
/// What <see cref="PlanValidator"/> found: <see cref="Errors"/> refuse the plan; <see cref="Warnings"/> are shown but
/// do not (a plan may have a reason to put a host back without verifying its boot).
/// </summary>
public sealed record PlanCheck(IReadOnlyList<PlanProblem> Errors, IReadOnlyList<PlanProblem> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}
