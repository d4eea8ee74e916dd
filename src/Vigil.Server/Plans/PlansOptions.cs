namespace Vigil.Server.Plans;

/// <summary>The <c>plans:</c> section: plans defined in the configuration, and who a halted run pages.</summary>
public sealed record PlansOptions
{
    /// <summary>
    /// The escalation policy a halted run pages (<c>escalation_policy</c>), from <c>escalation_policies</c>; default
    /// none: the run's window watcher is paged directly (and, without a window, the halt is only shown and logged).
    /// </summary>
    public string? EscalationPolicy { get; init; }

    /// <summary>Plans defined in the configuration (<c>definitions</c>), runnable by name. Default none.</summary>
    public IReadOnlyList<PlanDefinition> Definitions { get; init; } = [];
}
