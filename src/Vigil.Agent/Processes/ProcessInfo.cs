namespace Vigil.Agent.Processes;

/// <summary>A running process as <c>/proc/PID</c> shows it: its short name (comm) and command line (NULs as spaces).</summary>
internal sealed record ProcessInfo(int Pid, string Comm, string CommandLine);
