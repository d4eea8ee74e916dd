namespace Vigil.Drill.Notify;

/// <summary>
/// One way a notification leaves Vigil: an Alertmanager integration (<see cref="Kind"/> such as <c>webhook</c> or
/// <c>slack</c>, <see cref="Target"/> as <c>GET /api/v1/notifications</c> shows it, never a secret), or a page on an
/// escalation policy (<see cref="Kind"/> <c>vigil</c>, <see cref="Policy"/>, the first level's <see cref="Paged"/> targets
/// such as <c>schedule:ops</c> or <c>person:alice</c>; <see cref="ResolvesPage"/> when the group's page resolves).
/// </summary>
internal sealed record PredictedIntegration(
    string Kind,
    int Index,
    string Target,
    string? Policy = null,
    IReadOnlyList<string>? Paged = null,
    bool ResolvesPage = false);
