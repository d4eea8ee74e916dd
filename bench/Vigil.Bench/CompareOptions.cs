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

    /// <summary>Times the whole sequence is run (systems alternate who goes first); the report shows medians. Default 5.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Alerts in the million-alert rows (ingest slices, settled RSS, full GET, restart after kill -9); 0 skips them. Default 1000000.</summary>
    public int Million { get; init; } = 1_000_000;

    /// <summary>Escalation steps due in the same instant (Vigil only, the <c>escalation --at-once</c> bench); 0 skips them. Default 10000.</summary>
    public int Escalations { get; init; } = 10_000;

    /// <summary>Invocations of each command-line client verb per run; the run's figure is their median. Default 5.</summary>
    public int CliInvocations { get; init; } = 5;

    /// <summary>Latency probes when idle (and the cap during ingest). Default 200.</summary>
    public int Samples { get; init; } = 200;

    /// <summary>Where the Markdown report goes; null prints only. Default null.</summary>
    public string? OutPath { get; init; }

    /// <summary>Port of the webhook sink; 0 picks one. Default 0.</summary>
    public int SinkPort { get; init; }

    /// <summary>The command line as typed, for the report header.</summary>
    public string CommandLine { get; init; } = "";
}
