namespace Vigil.Bench;

/// <summary>Everything one run of <see cref="CompareRunner"/> measured for one system; filled step by step so a failure keeps what came before.</summary>
internal sealed class SystemResults
{
    public TimeSpan? Startup { get; set; }

    public LatencyResult? IdleLatency { get; set; }

    public IngestResult? Ingest { get; set; }

    public MemoryReading? MemoryAtFull { get; set; }

    public QueryResult? Query { get; set; }

    public LatencyResult? LoadedLatency { get; set; }

    public IngestResult? LoadedIngest { get; set; }

    public IngestResult? SingleAlertIngest { get; set; }

    /// <summary>The same number of single-alert requests again, right after, on the warm process.</summary>
    public IngestResult? SingleAlertIngestWarm { get; set; }

    /// <summary>The client's alert list against the server holding the main ingest's alerts.</summary>
    public CliResult? AlertsCli { get; set; }

    /// <summary>The client's silence list against the same server.</summary>
    public CliResult? SilencesCli { get; set; }

    /// <summary>The million-alert rows; null when skipped (<c>--million 0</c>) or not reached.</summary>
    public MillionResult? Million { get; set; }

    /// <summary>Escalation steps all due at once (Vigil only); null when not run.</summary>
    public EscalationResult? Escalation { get; set; }

    public string? Failure { get; set; }
}
