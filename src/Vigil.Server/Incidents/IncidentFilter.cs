namespace Vigil.Server.Incidents;

/// <summary>What <c>GET /api/v1/incidents</c> selects: by status, severity, open or not, opened in [From, To).</summary>
public sealed record IncidentFilter(IncidentStatus? Status, IncidentSeverity? Severity, bool? Open, DateTimeOffset? From, DateTimeOffset? To, int Limit);
