using Vigil.Server.Pools;

namespace Vigil.Server.Plans;

/// <summary>
/// What <see cref="PlanHosts.Resolve"/> found: the plan's hosts in the order they are worked on, and the pool of each
/// host that is a member of exactly one; or, when the plan cannot run on them, why (<see cref="Problem"/>).
/// </summary>
public sealed record ResolvedHosts(IReadOnlyList<string> Hosts, IReadOnlyDictionary<string, Pool> PoolOf, string? Problem)
{
    public static ResolvedHosts Failed(string problem) => new([], new Dictionary<string, Pool>(), problem);
}
