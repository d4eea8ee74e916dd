using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Dispatch;

/// <summary>
/// Alertmanager's aggrGroup as a pure state machine: the alerts of one route that share group labels, and when
/// to flush them next. The first flush is due group_wait after creation (or at once when an inserted alert
/// started more than group_wait ago and nothing was flushed yet); every later flush is due group_interval after
/// the previous one. Not thread-safe: the owner serialises calls.
/// </summary>
public sealed class AggregationGroup
{
    private readonly Dictionary<Fingerprint, Alert> _alerts = [];

    public AggregationGroup(RouteNode route, LabelSet groupLabels, DateTimeOffset now)
    {
        Route = route;
        GroupLabels = groupLabels;
        GroupKey = Grouping.GroupKey(route, groupLabels);
        NextFlushAt = now + route.GroupWait;
    }

    public RouteNode Route { get; }

    public LabelSet GroupLabels { get; }

    /// <summary><c>{route key}:{group labels}</c>, the key of notification log entries and webhook's groupKey.</summary>
    public string GroupKey { get; }

    /// <summary>When <see cref="Flush"/> should next run.</summary>
    public DateTimeOffset NextFlushAt { get; private set; }

    public bool HasFlushed { get; private set; }

    public bool IsEmpty => _alerts.Count == 0;

    public int Count => _alerts.Count;

    /// <summary>The alerts held, as stored (unordered, ends not hidden).</summary>
    public IReadOnlyCollection<Alert> Alerts => _alerts.Values;

    public bool IsDue(DateTimeOffset now) => now >= NextFlushAt;

    /// <summary>
    /// Stores the alert (replacing the one with the same fingerprint). Before the first flush, an alert that
    /// started more than group_wait ago makes the flush due now, as Alertmanager's insert does.
    /// </summary>
    public void Insert(Alert alert, DateTimeOffset now)
    {
        _alerts[alert.Fingerprint] = alert;
        if (!HasFlushed && alert.StartsAt + Route.GroupWait < now && now < NextFlushAt)
        {
            NextFlushAt = now;
        }
    }

    /// <summary>Makes the next flush due at <paramref name="now"/> (e.g. when muted alerts must be re-raised).</summary>
    public void FlushNow(DateTimeOffset now)
    {
        if (now < NextFlushAt)
        {
            NextFlushAt = now;
        }
    }

    /// <summary>Puts a due flush off until <paramref name="at"/> (its shard has no flusher yet, in a cluster).</summary>
    public void PostponeFlush(DateTimeOffset at)
    {
        if (at > NextFlushAt)
        {
            NextFlushAt = at;
        }
    }

    /// <summary>
    /// Takes the snapshot to notify about and schedules the next flush group_interval after <paramref name="now"/>.
    /// An empty group yields an empty snapshot (Alertmanager skips the notification but keeps the timer).
    /// </summary>
    public GroupFlush Flush(DateTimeOffset now) => CompleteFlush(BeginFlush(now), now);

    /// <summary>
    /// The part of <see cref="Flush"/> that must hold the owner's lock: schedules the next flush and copies
    /// the alerts held. Pass the result to <see cref="CompleteFlush"/>, which may run outside the lock.
    /// </summary>
    public Alert[] BeginFlush(DateTimeOffset now)
    {
        NextFlushAt = now + Route.GroupInterval;
        HasFlushed = true;
        return [.. _alerts.Values];
    }

    /// <summary>The snapshot of <paramref name="held"/> (from <see cref="BeginFlush"/>) with ends hidden, sorted. Touches no mutable state.</summary>
    public GroupFlush CompleteFlush(Alert[] held, DateTimeOffset now)
    {
        var snapshot = new List<Alert>(held.Length);
        foreach (var alert in held)
        {
            snapshot.Add(alert.IsResolvedAt(now) ? alert : alert with { EndsAt = DateTimeOffset.MinValue });
        }
        snapshot.Sort(AlertOrder.Instance);
        return new GroupFlush(Route, GroupKey, GroupLabels, snapshot, now);
    }

    /// <summary>
    /// After the pipeline finished without error for a flush: forgets the resolved alerts of that snapshot that
    /// were not updated since (Alertmanager's delete-if-not-modified, compared on <see cref="Alert.UpdatedAt"/>).
    /// Firing alerts in <paramref name="flushed"/> are ignored, so the whole snapshot may be passed.
    /// </summary>
    public void MarkNotified(IEnumerable<Alert> flushed)
    {
        foreach (var sent in flushed)
        {
            if (!GroupFlush.IsResolved(sent))
            {
                continue;
            }
            if (_alerts.TryGetValue(sent.Fingerprint, out var held) && held.UpdatedAt == sent.UpdatedAt)
            {
                _alerts.Remove(sent.Fingerprint);
            }
        }
    }
}
