namespace Vigil.Server.Escalation;

/// <summary>
/// A page walking an escalation policy. <see cref="Step"/> counts the steps taken (opening is step 1); the engine
/// claims the next one with a conditional UPDATE on it, so a step runs once across restarts and nodes.
/// <see cref="NextStepAt"/> is when the next step is due (null: nothing more to do).
/// </summary>
public sealed record Page(
    long Id,
    string PageKey,
    string GroupKey,
    string Receiver,
    string Policy,
    string Team,
    string? DedupKey,
    string Title,
    string Details,
    PageState State,
    int Level,
    int Round,
    long Step,
    long Rotation,
    DateTimeOffset? NextStepAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy);
