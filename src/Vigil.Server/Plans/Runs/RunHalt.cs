namespace Vigil.Server.Plans.Runs;

/// <summary>Why a run halted: the host, the step (index into the plan's steps) and the reason, with each failing check.</summary>
public sealed record RunHalt(string Host, int Step, string Reason, IReadOnlyList<string> Failures, DateTimeOffset At);
