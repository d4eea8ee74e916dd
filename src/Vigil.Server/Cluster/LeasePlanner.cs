namespace Vigil.Server.Cluster;

/// <summary>
/// Decides, from the lease table as read, what one node asks for in a round: renew what it holds (up to its share),
/// take free leases it wants (in its own order of preference, so nodes asking at once mostly want different keys), and
/// give up what it holds beyond its share or no longer wants. Pure; <see cref="ClusterStore.TakeAsync"/> applies it, and
/// its conditional upsert is what makes two owners impossible.
/// </summary>
public static class LeasePlanner
{
    public sealed record Plan(IReadOnlyList<(string Kind, string Key)> Take, IReadOnlyList<(string Kind, string Key)> Release);

    /// <param name="tried">Keys already asked for in this round (not asked again).</param>
    public static Plan Make(IEnumerable<LeaseWant> wants, IReadOnlyList<LeaseRow> table, string owner, string instance,
        int liveNodes, DateTimeOffset now, IReadOnlySet<(string, string)>? tried = null)
    {
        var rows = table.ToDictionary(r => (r.Kind, r.Key));
        bool Mine(LeaseRow r) => r.Owner == owner && r.OwnerInstance == instance && !r.IsFree(now);
        var take = new List<(string, string)>();
        var release = new List<(string, string)>();
        var wanted = new HashSet<(string, string)>();
        foreach (var want in wants)
        {
            var preferred = want.Keys.Distinct(StringComparer.Ordinal).OrderByDescending(k => Preference(owner, want.Kind, k))
                .ThenBy(k => k, StringComparer.Ordinal).ToList();
            var share = want.Balanced ? (preferred.Count + Math.Max(1, liveNodes) - 1) / Math.Max(1, liveNodes) : preferred.Count;
            var mine = preferred.Where(k => rows.TryGetValue((want.Kind, k), out var r) && Mine(r)).ToList();
            foreach (var k in mine.Take(share))
            {
                take.Add((want.Kind, k));
                wanted.Add((want.Kind, k));
            }
            var free = preferred.Where(k => (!rows.TryGetValue((want.Kind, k), out var r) || r.IsFree(now))
                && tried?.Contains((want.Kind, k)) != true);
            foreach (var k in free.Take(Math.Max(0, share - mine.Count)))
            {
                take.Add((want.Kind, k));
                wanted.Add((want.Kind, k));
            }
        }
        foreach (var r in table)
        {
            if (Mine(r) && !wanted.Contains((r.Kind, r.Key)))
            {
                release.Add((r.Kind, r.Key));
            }
        }
        // One order for every node's transaction, so two rounds never wait on each other's rows in a cycle.
        return new Plan(Sorted(take), Sorted(release));
    }

    /// <summary>Rendezvous hashing: how much <paramref name="owner"/> wants the key; stable across restarts of that name.</summary>
    public static ulong Preference(string owner, string kind, string key) => StableHash.Of($"{owner}\n{kind}\n{key}");

    private static List<(string Kind, string Key)> Sorted(List<(string Kind, string Key)> keys) =>
        [.. keys.OrderBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Key, StringComparer.Ordinal)];
}
