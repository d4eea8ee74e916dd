namespace Vigil.Server.Plans.Runs;

/// <summary>
/// One step on one host: its status, when it started and ended, why, and what it set in motion (the agent action
/// request it made, so a restart waits for that request instead of asking again).
/// </summary>
public sealed record StepResult(int Step, StepStatus Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Reason)
{
    /// <summary>The agent action request this step made (agent steps), once made.</summary>
    public string? ActionId { get; init; }

    /// <summary>The failing checks or members, one line each, when the step failed.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];
}
