namespace Vigil.Server.Plans.Runs;

/// <summary>
/// A run of a plan: a copy of the plan, its hosts in batches with each host's step results, how many hosts failed,
/// and its state. A value; <see cref="RunRules"/> decides every change. <see cref="Version"/> grows with each
/// stored change, so two writers never overwrite each other.
/// </summary>
public sealed record PlanRun
{
    public required string Id { get; init; }

    public required PlanDefinition Plan { get; init; }

    public required RunState State { get; init; }

    /// <summary>Every host of the run, in batch order.</summary>
    public required IReadOnlyList<HostRun> Hosts { get; init; }

    /// <summary>How many batches the hosts make (from the plan's <c>serial</c>).</summary>
    public required int BatchCount { get; init; }

    /// <summary>The batch being run (0-based); equals <see cref="BatchCount"/> once every batch is done.</summary>
    public int Batch { get; init; }

    /// <summary>Hosts that failed so far, across the whole run (compared with <c>max_fail</c>).</summary>
    public int FailCount { get; init; }

    public RunHalt? Halt { get; init; }

    /// <summary>Why the run is paused (a person's pause, or the step that had no data).</summary>
    public string? PauseReason { get; init; }

    public required string StartedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The maintenance window the run opened, if its plan has <c>window:</c>.</summary>
    public string? WindowId { get; init; }

    public long Version { get; init; }

    public HostRun? Find(string host) => HostPositions.Of(Hosts, host) is var at and >= 0 ? Hosts[at] : null;

    public IEnumerable<HostRun> InBatch(int batch) => Hosts.Where(h => h.Batch == batch);
}
