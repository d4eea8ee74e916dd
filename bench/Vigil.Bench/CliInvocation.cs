namespace Vigil.Bench;

/// <summary>One run of a command-line client: wall time from start to exit, peak RSS, lines printed, exit code.</summary>
internal sealed record CliInvocation(TimeSpan Wall, long MaxRssBytes, int Lines, int ExitCode, string? Error)
{
    /// <summary>Killed at the time limit: <see cref="Wall"/> is the limit, the RSS unknown (0).</summary>
    public bool TimedOut { get; init; }
}
