namespace Vigil.Server.Incidents;

/// <summary>
/// One customer-facing check (a probe labelled <c>impact="customer"</c>, or a customer alert that is no such probe's) and
/// when it was failing: intervals from start to end, an open end while it still fails.
/// </summary>
public sealed record ImpactCheck(string Id, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset? End)> Failing);
