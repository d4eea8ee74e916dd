namespace Vigil.Server.Probes;

/// <summary>What a probe last saw, for <c>GET /api/v1/probes</c>: its rise/fall state, since when, and its last run.</summary>
public sealed record ProbeStatus
{
    public required ProbeDefinition Definition { get; init; }

    public ProbeHealth Health { get; init; } = ProbeHealth.Initial;

    /// <summary>When the probe entered its current state (null: up since Vigil started).</summary>
    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? LastRunAt { get; init; }

    /// <summary>When the next run is due (its point on the probe's grid); null before the loop has started.</summary>
    public DateTimeOffset? NextRunAt { get; init; }

    public ProbeResult? LastResult { get; init; }

    /// <summary>The reason of the latest failure (kept after recovery).</summary>
    public string LastFailure { get; init; } = "";

    /// <summary>Whether its <c>ProbeFailed</c> alert is firing in the pipeline.</summary>
    public bool AlertFiring { get; init; }

    /// <summary>The firing alert's start.</summary>
    public DateTimeOffset AlertStartsAt { get; init; }

    public DateTimeOffset? LastRaisedAt { get; init; }

    /// <summary>False while another node of the cluster holds the probe's lease and runs it (this node's view is then
    /// its own last run, if any).</summary>
    public bool RunsHere { get; init; } = true;

    /// <summary>Why the probe's loop failed and is waiting to retry (null when it runs normally).</summary>
    public string? Error { get; init; }
}
