namespace Vigil.Bench;

/// <summary>Options of the <c>compare</c> command.</summary>
internal sealed record CompareOptions
{
    /// <summary>The systems to run, in order.</summary>
    public required IReadOnlyList<SystemUnderTest> Systems { get; init; }

    /// <summary>Column names in the report; systems not run show as pending. Default: Alertmanager, Vigil.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [SystemUnderTest.AlertmanagerName, SystemUnderTest.VigilName];

    /// <summary>Alerts in the main ingest and in the concurrent ingest under the latency probe. Default 100000.</summary>
    public int Alerts { get; init; } = 100_000;

    /// <summary>Alerts posted one per request after the restart. Default 20000.</summary>
    public int SingleAlerts { get; init; } = 20_000;

    /// <summary>Latency probes when idle (and the cap during ingest). Default 200.</summary>
    public int Samples { get; init; } = 200;

    /// <summary>Where the Markdown report goes; null prints only. Default null.</summary>
    public string? OutPath { get; init; }

    /// <summary>Port of the webhook sink; 0 picks one. Default 0.</summary>
    public int SinkPort { get; init; }

    /// <summary>The command line as typed, for the report header.</summary>
    public string CommandLine { get; init; } = "";
}
