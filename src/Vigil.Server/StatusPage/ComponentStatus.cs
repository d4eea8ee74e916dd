namespace Vigil.Server.StatusPage;

/// <summary>Statuspage's component statuses, worst last (so <c>Max</c> picks the worst; maintenance is apart).</summary>
public enum ComponentStatus
{
    Operational,
    DegradedPerformance,
    PartialOutage,
    MajorOutage,
    UnderMaintenance,
}
