namespace Vigil.Server.Incidents;

/// <summary>One minute of the impact series: its start and the share (0 to 1) of customer-facing checks failing during it.</summary>
public sealed record ImpactPoint(DateTimeOffset Minute, double FailingShare);
