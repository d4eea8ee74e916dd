namespace Vigil.Server.Incidents;

/// <summary>The bodies of the incident endpoints (camelCase JSON, unknown members refused).</summary>
public static class IncidentBodies
{
    /// <summary><c>POST /api/v1/incidents</c>.</summary>
    public sealed record Open(string? Title, string? Severity, string? Status, string? Summary, string? CustomerImpact, string? Commander,
        string[]? Alerts, long[]? Pages, string[]? Windows, string[]? PlanRuns);

    /// <summary><c>PATCH /api/v1/incidents/{id}</c>: every member optional; <c>times</c> corrects times (<c>null</c> drops a
    /// correction); the link lists add links.</summary>
    public sealed record Update(string? Title, string? Severity, string? Status, string? Summary, string? RootCause, string? CustomerImpact,
        Dictionary<string, string?>? Times, string? Reason, string[]? Alerts, long[]? Pages, string[]? Windows, string[]? PlanRuns);

    /// <summary><c>POST /api/v1/incidents/{id}/notes</c>.</summary>
    public sealed record Note(string? Text);

    /// <summary><c>POST /api/v1/incidents/{id}/roles</c>: an empty or null person unassigns the role.</summary>
    public sealed record Assign(string? Role, string? Person);

    /// <summary><c>POST /api/v1/incidents/{id}/resolve</c>.</summary>
    public sealed record Resolve(string? Summary, string? RootCause);
}
