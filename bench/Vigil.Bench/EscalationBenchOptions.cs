namespace Vigil.Bench;

/// <summary>What the <c>escalation</c> command runs: how many pages, level 1's ack timeout, and how to start Vigil.</summary>
internal sealed record EscalationBenchOptions
{
    public const string DefaultVigilCommand = "src/Vigil/bin/Release/net10.0/vigil server --config {config} --listen 127.0.0.1:{port} --data {data}";

    public int Pages { get; init; } = 10_000;

    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string VigilCommand { get; init; } = DefaultVigilCommand;

    public string TokenFile { get; init; } = "{data}/admin.token";

    /// <summary>Stop the server before the first deadline and start it after the last, so all steps are due together.</summary>
    public bool AtOnce { get; init; }

    public string? OutPath { get; init; }

    public string CommandLine { get; init; } = "";
}
