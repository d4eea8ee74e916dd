namespace Vigil.Server.Escalation;

/// <summary>
/// An escalation policy (<c>escalation_policies[]</c>): levels paged in order until someone acknowledges;
/// after the last level the walk starts again at the first, <see cref="Repeat"/> more times (default 0).
/// An acknowledged page not resolved within <see cref="ReackAfter"/> (default: never) escalates again.
/// </summary>
public sealed record EscalationPolicy(string Name, IReadOnlyList<EscalationLevel> Levels, int Repeat, TimeSpan? ReackAfter);
