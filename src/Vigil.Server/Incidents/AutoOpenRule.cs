using Vigil.Server.Labels;

namespace Vigil.Server.Incidents;

/// <summary>
/// One rule of <c>incidents.auto_open</c>: alerts matching every one of <see cref="Matchers"/> that have fired for at
/// least <see cref="For"/> (default 0s) open an incident of <see cref="Severity"/> (default SEV3) titled from
/// <see cref="Title"/> (default <c>NAME: {alertname}</c>), commanded by <see cref="Commander"/> and paging
/// <see cref="EscalationPolicy"/> (both default to the section's own).
/// </summary>
public sealed record AutoOpenRule(
    string Name,
    IReadOnlyList<Matcher> Matchers,
    TimeSpan For,
    IncidentSeverity Severity,
    string Title,
    string? Commander,
    string? EscalationPolicy)
{
    /// <summary>The <see cref="Incident.OpenKey"/> an incident opened by this rule holds while open: one outage, one incident.</summary>
    public string OpenKey => "auto:" + Name;

    public bool Matches(LabelSet labels)
    {
        foreach (var m in Matchers)
        {
            if (!m.Matches(labels))
            {
                return false;
            }
        }
        return true;
    }
}
