namespace Vigil.Server.Escalation;

/// <summary>
/// What one step does to a page: its new position and deadline, and which level to notify (null: nobody, e.g.
/// the policy is exhausted). <see cref="Event"/> names the step in the page's history.
/// </summary>
public sealed record PageStep(PageState State, int Level, int Round, long Step, long Rotation, DateTimeOffset? NextStepAt, int? NotifyLevel, string Event);
