namespace Vigil.Server.Incidents;

/// <summary>The times that matter in an incident, in the order they normally happen.</summary>
public enum TimeField
{
    ImpactStarted,
    Detected,
    FirstPage,
    Acknowledged,
    Mitigated,
    ImpactEnded,
    Resolved,
}
