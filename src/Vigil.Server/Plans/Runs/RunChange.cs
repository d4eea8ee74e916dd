namespace Vigil.Server.Plans.Runs;

/// <summary>What a rule did to a run: its next form and the events to record with it.</summary>
public sealed record RunChange(PlanRun Next, IReadOnlyList<RunEvent> Events);
