namespace Vigil.Server.Incidents;

/// <summary>An incident with what is linked to it, its times (derived or corrected) and its timeline in order.</summary>
public sealed record IncidentDetail(
    Incident Incident,
    IReadOnlyList<IncidentLink> Links,
    IReadOnlyList<PageFact> Pages,
    IReadOnlyDictionary<TimeField, IncidentTime> Times,
    IReadOnlyList<IncidentEntry> Timeline);
