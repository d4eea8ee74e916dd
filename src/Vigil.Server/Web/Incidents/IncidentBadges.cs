using Vigil.Server.Incidents;

namespace Vigil.Server.Web.Incidents;

/// <summary>The badge colour of a severity: SEV1–2 critical, SEV3 warning, SEV4 informational.</summary>
internal static class IncidentBadges
{
    public static string Severity(IncidentSeverity severity) => severity switch
    {
        IncidentSeverity.Sev1 or IncidentSeverity.Sev2 => "critical",
        IncidentSeverity.Sev3 => "warning",
        _ => "info",
    };
}
