namespace Vigil.Server.Plans;

/// <summary>
/// A plan as <see cref="PlanCatalog"/> knows it: from the configuration (<see cref="PlanCatalog.FromConfig"/>) or stored
/// through the API (<see cref="PlanCatalog.FromApi"/>, with when and by whom). <see cref="Plan"/> is null, and
/// <see cref="Error"/> says why, for a stored plan that no longer reads (written by another version).
/// </summary>
public sealed record PlanEntry(string Name, string Source, PlanDefinition? Plan, string Yaml, DateTimeOffset? CreatedAt, string? CreatedBy, string? Error);
