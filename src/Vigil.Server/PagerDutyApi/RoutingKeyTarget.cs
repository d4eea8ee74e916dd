namespace Vigil.Server.PagerDutyApi;

/// <summary>
/// <c>{policy: P}</c> pages policy P directly (through a built-in route on the label <c>vigil_policy=P</c>), or
/// <c>{route_labels: {team: x}}</c> adds those labels so the routing tree decides.
/// </summary>
public sealed record RoutingKeyTarget(string? Policy, IReadOnlyDictionary<string, string> RouteLabels);
