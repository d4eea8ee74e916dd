namespace Vigil.Server.Incidents;

/// <summary>
/// An incident as stored. <see cref="Roles"/> maps a role (<c>commander</c>, <c>communications</c>, any other name) to a
/// person. <see cref="Corrections"/> are the times a person set by hand; the others are derived from the record
/// (<see cref="IncidentTimeRules"/>). <see cref="OpenKey"/> is set while an auto-opened incident is open, so one
/// outage opens one incident.
/// </summary>
public sealed record Incident(
    long Id,
    string Title,
    IncidentSeverity Severity,
    IncidentStatus Status,
    string Summary,
    string RootCause,
    string CustomerImpact,
    IReadOnlyDictionary<string, string> Roles,
    IReadOnlyDictionary<TimeField, DateTimeOffset> Corrections,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset UpdatedAt,
    string? OpenKey = null)
{
    public string? Commander => Roles.TryGetValue(IncidentRoles.Commander, out var p) ? p : null;

    public bool IsOpen => Status != IncidentStatus.Resolved;
}
