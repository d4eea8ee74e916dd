namespace Vigil.Server.Plans;

/// <summary>What <see cref="PlanCatalog.AddAsync"/> or <see cref="PlanCatalog.RemoveAsync"/> did: the plan, or an HTTP status and why not.</summary>
public sealed record PlanChange(PlanEntry? Entry, int Status, string? Error);
