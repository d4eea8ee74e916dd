using Vigil.Server.Alerts;

namespace Vigil.Server.Incidents;

/// <summary>
/// What an auto-open rule does now: open an incident with <see cref="Alerts"/> (<see cref="IncidentId"/> null), or link
/// them to the open incident <see cref="IncidentId"/> the rule opened before.
/// </summary>
public sealed record AutoOpenAction(AutoOpenRule Rule, long? IncidentId, IReadOnlyList<Alert> Alerts)
{
    public bool Opens => IncidentId is null;
}
