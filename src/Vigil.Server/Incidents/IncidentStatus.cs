namespace Vigil.Server.Incidents;

/// <summary>Where the response stands; the names are Statuspage's, so the status page can show them unchanged.</summary>
public enum IncidentStatus
{
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}
