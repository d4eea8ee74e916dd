namespace Vigil.Drill.Demo;

/// <summary>How <c>vigil demo</c> runs (its flags).</summary>
internal sealed record DemoOptions
{
    /// <summary>The server's port on 127.0.0.1. Default 0: a free one.</summary>
    public int Port { get; init; }

    /// <summary>A folder kept after the demo (server data, hosts' files, vigil.yaml). Default none: a temporary folder, removed at the end.</summary>
    public string? DataDir { get; init; }

    /// <summary>Where the running demo's state file goes (<see cref="DemoStateFile.DefaultPath"/>).</summary>
    public string StateFile { get; init; } = DemoStateFile.DefaultPath();

    /// <summary>Write the server's and the agents' logs to the console too. Default false (errors only).</summary>
    public bool Verbose { get; init; }
}
