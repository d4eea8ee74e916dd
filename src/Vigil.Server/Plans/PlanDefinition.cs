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

    /// <summary>Where the plan was read from, as errors name it (a file path, <c>vigil.yaml</c>, <c>request</c>); empty when not read.</summary>
    public string SourceName { get; init; } = "";

    /// <summary>The key path of the plan within <see cref="SourceName"/> (<c>plans.definitions[2]</c>); empty for a plan file.</summary>
    public string KeyPath { get; init; } = "";

    /// <summary>
    /// The 1-based line of each key read, by its path relative to the plan (<c>hosts.pool</c>, <c>window.schedule</c>,
    /// <c>steps[3]</c>, <c>steps[3].probe</c>), so checks made after reading (<see cref="PlanValidator"/>) name the line.
    /// </summary>
    public IReadOnlyDictionary<string, int> Lines { get; init; } = new Dictionary<string, int>();

    /// <summary>The full key path of <paramref name="relative"/> (<c>steps[3].probe</c> → <c>plans.definitions[0].steps[3].probe</c>).</summary>
    public string KeyOf(string relative) => KeyPath.Length == 0 ? relative : relative.Length == 0 ? KeyPath : KeyPath + "." + relative;

    /// <summary>The line of <paramref name="relative"/>, else of the nearest enclosing key read, else 0.</summary>
    public int LineOf(string relative)
    {
        for (var key = relative; ; key = Parent(key))
        {
            if (Lines.TryGetValue(key, out var line))
            {
                return line;
            }
            if (key.Length == 0)
            {
                return 0;
            }
        }
    }

    private static string Parent(string key)
    {
        var cut = Math.Max(key.LastIndexOf('.'), key.LastIndexOf('['));
        return cut <= 0 ? "" : key[..cut];
    }
}
