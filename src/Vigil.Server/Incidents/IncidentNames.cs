namespace Vigil.Server.Incidents;

/// <summary>The API spelling of severities, statuses and time fields, and reading them back.</summary>
public static class IncidentNames
{
    public const string SeverityChoices = "SEV1, SEV2, SEV3 or SEV4";
    public const string StatusChoices = "investigating, identified, monitoring or resolved";

    public static string Name(this IncidentSeverity severity) => "SEV" + (int)severity;

    public static string Name(this IncidentStatus status) => status switch
    {
        IncidentStatus.Investigating => "investigating",
        IncidentStatus.Identified => "identified",
        IncidentStatus.Monitoring => "monitoring",
        _ => "resolved",
    };

    public static bool TryParseSeverity(string? text, out IncidentSeverity severity)
    {
        severity = default;
        if (text is not { Length: 4 } || !text.StartsWith("SEV", StringComparison.OrdinalIgnoreCase) || text[3] is < '1' or > '4')
        {
            return false;
        }
        severity = (IncidentSeverity)(text[3] - '0');
        return true;
    }

    public static bool TryParseStatus(string? text, out IncidentStatus status)
    {
        foreach (var s in Enum.GetValues<IncidentStatus>())
        {
            if (string.Equals(text, s.Name(), StringComparison.OrdinalIgnoreCase))
            {
                status = s;
                return true;
            }
        }
        status = default;
        return false;
    }
}
