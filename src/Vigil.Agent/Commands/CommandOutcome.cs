namespace Vigil.Agent.Commands;

/// <summary>How a command ended: its exit code (null when it timed out or could not start) and its output.</summary>
internal sealed record CommandOutcome(int? ExitCode, string Output, string? Error);
