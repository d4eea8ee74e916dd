namespace Vigil.Bench;

/// <summary>Everything <see cref="CompareRunner"/> measured for one system; filled step by step so a failure keeps what came before.</summary>
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

    public string? Failure { get; set; }
}
