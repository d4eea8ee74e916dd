namespace Vigil.Server.Incidents;

/// <summary>
/// What a timeline source is asked about: the incident, its links, and the span it covers — from the earliest of its
/// opening and its linked objects' starts, to its resolution (or now).
/// </summary>
public sealed record TimelineScope(Incident Incident, IReadOnlyList<IncidentLink> Links, DateTimeOffset From, DateTimeOffset To)
{
    public static TimelineScope Of(Incident incident, IReadOnlyList<IncidentLink> links, DateTimeOffset now)
    {
        var from = links.Where(l => l.StartedAt is not null).Select(l => l.StartedAt!.Value).Append(incident.OpenedAt).Min();
        return new TimelineScope(incident, links, from, incident.ResolvedAt ?? now);
    }

    public IEnumerable<IncidentLink> OfKind(string kind) => Links.Where(l => l.Kind == kind);
}
