using Vigil.Server.Labels;

namespace Vigil.Server.Plans;

/// <summary>
/// <c>hosts:</c> exactly one of a pool (all its members, in the pool's order), a list of host names (in that order),
/// or matchers on host names (<c>host=~"web-.*"</c>, hosts known from their agents' reports, sorted by name).
/// </summary>
public sealed record PlanTargets
{
    /// <summary><c>hosts: {pool: NAME}</c>: every member of that pool.</summary>
    public string? Pool { get; init; }

    /// <summary><c>hosts: [a, b]</c> (or <c>{list: [...]}</c>): these hosts, in this order.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary><c>hosts: {match: ['host=~"web-.*"']}</c>: every known host whose labels match all of them.</summary>
    public IReadOnlyList<Matcher> Matchers { get; init; } = [];
}
