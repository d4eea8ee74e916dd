namespace Vigil.Bench;

/// <summary>
/// What <see cref="MillionRunner"/> measured for one system, filled step by step so a failure keeps what came before.
/// </summary>
internal sealed class MillionResult
{
    /// <summary>The ingest in slices of <see cref="MillionRunner.Slice"/> alerts, in order.</summary>
    public List<IngestResult> Slices { get; } = [];

    public int Acknowledged => Slices.Sum(s => s.AlertsAccepted);

    public double? AlertsPerSecond => Slices.Count == 0 ? null : Acknowledged / Slices.Sum(s => s.Elapsed.TotalSeconds);

    public double? FirstSliceRate => Slices.Count == 0 ? null : Slices[0].AlertsPerSecond;

    public double? LastSliceRate => Slices.Count == 0 ? null : Slices[^1].AlertsPerSecond;

    /// <summary>The last slice's rate as a share of the first's (1 = no slow-down).</summary>
    public double? LastToFirst => FirstSliceRate is { } f && LastSliceRate is { } l && f > 0 ? l / f : null;

    public double? CpuMicrosPerAlert => Slices.Count > 0 && Slices.All(s => s.ServerCpuSeconds is not null) && Acknowledged > 0
        ? Slices.Sum(s => s.ServerCpuSeconds!.Value) * 1e6 / Acknowledged
        : null;

    public int Errors => Slices.Sum(s => s.ErrorCount);

    /// <summary>RSS after the ingest and a wait for the runtime to settle.</summary>
    public MemoryReading? Settled { get; set; }

    public QueryResult? Get { get; set; }

    public MemoryReading? AfterGet { get; set; }

    /// <summary>From starting the server again on the killed one's data folder to <c>/-/ready</c>.</summary>
    public TimeSpan? Restart { get; set; }

    /// <summary>Alerts a full GET returned after the restart.</summary>
    public int? Present { get; set; }
}
