namespace Vigil.Server.PagerDutyApi;

/// <summary>
/// <c>{policy: P}</c> pages policy P directly (through a built-in route on the label <c>vigil_policy=P</c>), or
/// <c>{route_labels: {team: x}}</c> adds those labels so the routing tree decides. <see cref="KeyGroup"/>
/// (<c>key_group:</c>) names the keys that act on each other's alerts and pages; default none: a key acts only on
/// what came in through it.
/// </summary>
public sealed record RoutingKeyTarget(string? Policy, IReadOnlyDictionary<string, string> RouteLabels, string? KeyGroup = null)
{
    /// <summary>The group of a key without <c>key_group</c> is this prefix and a keyed hash of the key, so no name can collide with it.</summary>
    public const string OwnGroupPrefix = "key-";
}
