using System.Runtime.CompilerServices;
using Vigil.Server.Pools;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// <c>pool_min_healthy</c> judged once per pool read and batch. Every host of a batch asks the same question of the same
/// read (the hosts of a gate share one read of the pool, <see cref="PoolService.ReadAsync"/>): whether the pool keeps
/// <c>min_healthy</c> without the whole batch. Judged per host, at 50 hosts and 500 members, the hosts of a gate came to
/// their outcome one after another over 5–40 ms after the read (docs/benchmarks.md, "Session 52"); now the first host
/// judges and the others take its outcome. A judgement lives as long as its read.
/// </summary>
internal sealed class MinHealthyJudgements
{
    private readonly ConditionalWeakTable<PoolHealthReport, Judged> _judged = [];

    /// <summary>Whether <paramref name="report"/>'s pool keeps <c>min_healthy</c> without the members of <paramref name="batch"/>.</summary>
    public Observation Judge(PoolHealthReport report, IReadOnlyList<string> batch)
    {
        if (_judged.TryGetValue(report, out var judged) && ReferenceEquals(judged.Batch, batch))
        {
            return judged.Outcome;
        }
        var members = report.Pool.Members.Select(m => m.Host).ToHashSet(StringComparer.Ordinal);
        var outcome = PlanGates.PoolMinHealthy(report, batch.Where(members.Contains).ToHashSet(StringComparer.Ordinal));
        _judged.AddOrUpdate(report, new Judged(batch, outcome));
        return outcome;
    }

    private sealed record Judged(IReadOnlyList<string> Batch, Observation Outcome);
}
