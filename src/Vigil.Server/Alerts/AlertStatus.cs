namespace Vigil.Server.Alerts;

/// <summary>An alert's state as shown by the API: which receivers it routes to and what mutes it.</summary>
public sealed record AlertStatus(
    IReadOnlyList<string> Receivers,
    IReadOnlyList<string> InhibitedBy,
    IReadOnlyList<string> SilencedBy,
    IReadOnlyList<string>? MutedBy = null)
{
    /// <summary>Maintenance windows muting the alert (Vigil's own; not in Alertmanager's API).</summary>
    public IReadOnlyList<string> WindowIds => MutedBy ?? [];

    /// <summary>Alertmanager's states: <c>suppressed</c> when inhibited, silenced or muted by a window, else <c>active</c>.</summary>
    public string State => IsSuppressed ? "suppressed" : "active";

    public bool IsSuppressed => InhibitedBy.Count > 0 || SilencedBy.Count > 0 || WindowIds.Count > 0;
}
