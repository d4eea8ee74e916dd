namespace Vigil.Server.Incidents;

/// <summary>The <c>incidents:</c> section: who commands an incident, who its opening pages, update cadence, auto-open rules.</summary>
public sealed record IncidentsOptions
{
    /// <summary>The default commander (<c>commander</c>, a person) of incidents opened by a rule, or by hand without one. Default none.</summary>
    public string? Commander { get; init; }

    /// <summary>
    /// The escalation policy an opened incident pages (<c>escalation_policy</c>). Default none: the commander is paged
    /// directly (a one-level policy of that person); without either, opening pages nobody.
    /// </summary>
    public string? EscalationPolicy { get; init; }

    /// <summary>How often the commander must post an update, per severity (<c>update_every</c>). Default none: no reminders.</summary>
    public IReadOnlyDictionary<IncidentSeverity, TimeSpan> UpdateEvery { get; init; } = new Dictionary<IncidentSeverity, TimeSpan>();

    /// <summary>Rules that open incidents from alerts (<c>auto_open</c>), first match wins. Default none.</summary>
    public IReadOnlyList<AutoOpenRule> AutoOpen { get; init; } = [];
}
