namespace Vigil.Server.Plans;

/// <summary>A plan stored through <c>POST /api/v1/plans</c> (table <c>plan_definitions</c>): its YAML as sent, when and by whom.</summary>
public sealed record StoredPlan(string Name, string Yaml, DateTimeOffset CreatedAt, string CreatedBy);
