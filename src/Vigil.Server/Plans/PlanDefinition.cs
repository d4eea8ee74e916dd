namespace Vigil.Server.Plans;

/// <summary>
/// A maintenance plan as written in YAML (a file, <c>plans.definitions</c> in the configuration, or
/// <c>POST /api/v1/plans</c>): which hosts, in which batches, how many may fail, the window it runs under, and the
/// steps run in order for each host of a batch. A value: running it creates a <c>PlanRun</c> that keeps a copy.
/// </summary>
public sealed record PlanDefinition
{
    /// <summary>The plan's name (<c>name</c>): letters, digits, <c>.</c>, <c>_</c>, <c>-</c>; unique among stored plans.</summary>
    public required string Name { get; init; }

    /// <summary>What the plan does, for people (<c>description</c>). Default empty.</summary>
    public string Description { get; init; } = "";

    /// <summary>The hosts it works on (<c>hosts</c>).</summary>
    public required PlanTargets Targets { get; init; }

    /// <summary>How many hosts each batch holds (<c>serial</c>). Default 1.</summary>
    public PlanSerial Serial { get; init; } = PlanSerial.One;

    /// <summary>How many hosts may fail, across the whole plan, before it halts (<c>max_fail</c>). Default 0.</summary>
    public int MaxFail { get; init; }

    /// <summary>The maintenance window opened while the plan runs (<c>window</c>); null: none is opened.</summary>
    public PlanWindow? Window { get; init; }

    /// <summary>The steps, run in this order for each host (<c>steps</c>); at least one.</summary>
    public required IReadOnlyList<PlanStep> Steps { get; init; }

    /// <summary>The YAML the plan was read from, kept with every run so a run always shows what it ran.</summary>
    public string Source { get; init; } = "";
}
