namespace Vigil.Server.Incidents;

/// <summary>How bad an incident is: <c>SEV1</c> (customers down) to <c>SEV4</c> (minor).</summary>
public enum IncidentSeverity
{
    Sev1 = 1,
    Sev2 = 2,
    Sev3 = 3,
    Sev4 = 4,
}
