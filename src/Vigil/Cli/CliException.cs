namespace Vigil.Cli;

/// <summary>A user-facing CLI error: printed without a stack trace, exit code 1.</summary>
internal sealed class CliException(string message) : Exception(message);
