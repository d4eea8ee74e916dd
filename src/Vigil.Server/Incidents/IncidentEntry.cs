namespace Vigil.Server.Incidents;

/// <summary>
/// One line of an incident's timeline: when, from which source (<c>incident</c>, <c>alert</c>, <c>page</c>, …), what kind,
/// who, what, and the object it links to (<c>alert/FINGERPRINT</c>, <c>page/12</c>). Entries are only ever added.
/// </summary>
public sealed record IncidentEntry(DateTimeOffset At, string Source, string Kind, string Actor, string Text, string? Link)
{
    /// <summary>Its row id when recorded by the incident itself (null for entries merged from other sources).</summary>
    public long? Id { get; init; }
}
