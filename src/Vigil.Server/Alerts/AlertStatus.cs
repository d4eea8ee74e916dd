namespace Vigil.Server.Alerts;

/// <summary>An alert's state as shown by the API: which receivers it routes to and what mutes it.</summary>
public sealed record AlertStatus(
    IReadOnlyList<string> Receivers,
    IReadOnlyList<string> InhibitedBy,
    IReadOnlyList<string> SilencedBy)
{
    /// <summary>Alertmanager's states: <c>suppressed</c> when inhibited or silenced, else <c>active</c>.</summary>
    public string State => InhibitedBy.Count > 0 || SilencedBy.Count > 0 ? "suppressed" : "active";

    public bool IsSuppressed => InhibitedBy.Count > 0 || SilencedBy.Count > 0;
}
