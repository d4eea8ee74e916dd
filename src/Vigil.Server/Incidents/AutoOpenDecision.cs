namespace Vigil.Server.Incidents;

/// <summary>What the auto-open rules do now, and when to look again (null: only when an alert changes).</summary>
public sealed record AutoOpenDecision(IReadOnlyList<AutoOpenAction> Actions, DateTimeOffset? NextDue);
