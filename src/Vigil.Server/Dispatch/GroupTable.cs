using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Dispatch;

/// <summary>
/// The aggregation groups of one routing tree, keyed by route and group labels: Alertmanager's
/// dispatcher.processAlert without its goroutines. Pure and not thread-safe: the <see cref="Dispatcher"/> calls it
/// under its lock, the drill's simulator on its one thread.
/// </summary>
public sealed class GroupTable
{
    private readonly Dictionary<(string RouteId, Fingerprint GroupLabels), AggregationGroup> _groups = [];
    private readonly List<RouteNode> _matched = [];

    public IReadOnlyCollection<AggregationGroup> All => _groups.Values;

    public int Count => _groups.Count;

    /// <summary>
    /// Puts the alert into the group of every route it matches, opening groups as needed. A resolved alert opens no
    /// group (Alertmanager drops it), unless <paramref name="stillOwed"/> says its resolution is still owed to the
    /// route's receiver (restoring after a restart). Each group touched is added to <paramref name="touched"/> with
    /// whether it is new or its next flush moved (so the caller re-queues it).
    /// </summary>
    public void Insert(Alert alert, RoutingTable table, DateTimeOffset now, Func<RouteNode, Alert, bool>? stillOwed,
        List<(AggregationGroup Group, bool Moved)> touched)
    {
        // Matched into one reused list, read by index: a list, its array and a boxed enumerator per alert were 5 % of
        // the bytes a batch ingest allocated.
        _matched.Clear();
        table.Root.MatchInto(alert.Labels, _matched);
        for (var i = 0; i < _matched.Count; i++)
        {
            var route = _matched[i];
            var key = (route.Id, Grouping.GroupFingerprint(route, alert.Labels));
            var moved = false;
            if (!_groups.TryGetValue(key, out var group))
            {
                if (alert.IsResolvedAt(now) && !(stillOwed?.Invoke(route, alert) ?? false))
                {
                    continue;
                }
                group = new AggregationGroup(route, Grouping.GroupLabels(route, alert.Labels), now);
                _groups[key] = group;
                moved = true;
            }
            var before = group.NextFlushAt;
            group.Insert(alert, now);
            touched.Add((group, moved || group.NextFlushAt != before));
        }
    }

    /// <summary>Whether the group is the one held for its route and labels (not one dropped by a clear or an emptying flush).</summary>
    public bool IsCurrent(AggregationGroup group) =>
        _groups.TryGetValue((group.Route.Id, group.GroupLabels.Fingerprint), out var current) && ReferenceEquals(current, group);

    /// <summary>Drops the group once a flush left it empty (every alert resolved and notified), as Alertmanager destroys it.</summary>
    public bool RemoveIfEmpty(AggregationGroup group)
    {
        if (group.IsEmpty && IsCurrent(group))
        {
            _groups.Remove((group.Route.Id, group.GroupLabels.Fingerprint));
            return true;
        }
        return false;
    }

    public void Clear() => _groups.Clear();
}
