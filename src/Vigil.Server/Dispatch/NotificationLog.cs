using Vigil.Server.Storage;

namespace Vigil.Server.Dispatch;

/// <summary>
/// The notification log (Alertmanager's nflog): the last notification per group, receiver and integration,
/// cached in memory and written to the database in the same transaction as the outbox messages it describes.
/// </summary>
public sealed class NotificationLog(NotificationLogStore store, OutboxStore outbox, Database database)
{
    private readonly Dictionary<(string, string, int), NotificationLogEntry> _entries = [];
    private readonly Dictionary<(string, string, int), TimeSpan> _retentionByKey = [];
    private readonly Lock _gate = new();
    private int _maxIndex;

    public async Task LoadAsync(CancellationToken ct)
    {
        var rows = await store.LoadAllAsync(ct);
        lock (_gate)
        {
            foreach (var r in rows)
            {
                _entries[(r.GroupKey, r.Receiver, r.IntegrationIndex)] = new NotificationLogEntry(
                    r.GroupKey, r.Receiver, r.IntegrationIndex, r.Firing.ToHashSet(), r.Resolved.ToHashSet(), r.Timestamp);
                _maxIndex = Math.Max(_maxIndex, r.IntegrationIndex);
            }
        }
    }

    public NotificationLogEntry? Get(string groupKey, string receiver, int integrationIndex)
    {
        lock (_gate)
        {
            return _entries.TryGetValue((groupKey, receiver, integrationIndex), out var e) ? e : null;
        }
    }

    /// <summary>Whether the last notification of the group to some integration of <paramref name="receiver"/> showed the alert firing.</summary>
    public bool ShowedFiring(string groupKey, string receiver, ulong fingerprint)
    {
        lock (_gate)
        {
            for (var i = 0; i <= _maxIndex; i++)
            {
                if (_entries.TryGetValue((groupKey, receiver, i), out var e) && e.FiringFingerprints.Contains(fingerprint))
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>
    /// Commits the entries and the messages together, then updates the cache. Each message supersedes the older
    /// undelivered ones of its group and integration, taking over the resolutions they held.
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<NotificationLogEntry> entries, IReadOnlyList<PlannedWebhook> messages, TimeSpan repeatInterval, CancellationToken ct)
    {
        await database.WriteAsync(async (conn, tx) =>
        {
            foreach (var m in messages)
            {
                var (id, superseded) = await outbox.EnqueueGroupStateAsync(conn, tx, m.Message, ct);
                if (id is { } added && superseded.Count > 0 && ResolutionCarryOver.Apply(m, superseded) is { } payload)
                {
                    await outbox.ReplacePayloadAsync(conn, tx, added, payload, ct);
                }
            }
            foreach (var e in entries)
            {
                await store.UpsertAsync(conn, tx, ToRow(e, repeatInterval), ct);
            }
            return 0;
        }, ct);
        lock (_gate)
        {
            foreach (var e in entries)
            {
                _entries[(e.GroupKey, e.ReceiverName, e.IntegrationIndex)] = e;
                _retentionByKey[(e.GroupKey, e.ReceiverName, e.IntegrationIndex)] = repeatInterval;
                _maxIndex = Math.Max(_maxIndex, e.IntegrationIndex);
            }
        }
    }

    /// <summary>Forgets entries older than their retention (twice the route's repeat_interval).</summary>
    public async Task CollectGarbageAsync(DateTimeOffset now, CancellationToken ct)
    {
        await store.DeleteExpiredAsync(now, ct);
        lock (_gate)
        {
            foreach (var (key, e) in _entries.ToList())
            {
                if (e.Timestamp + DedupRule.Retention(_retentionByKey.GetValueOrDefault(key, TimeSpan.FromHours(4))) < now)
                {
                    _entries.Remove(key);
                    _retentionByKey.Remove(key);
                }
            }
        }
    }

    private static NotificationLogRow ToRow(NotificationLogEntry e, TimeSpan repeatInterval) =>
        new(e.GroupKey, e.ReceiverName, e.IntegrationIndex, e.FiringFingerprints.ToList(), e.ResolvedFingerprints.ToList(),
            e.Timestamp, e.Timestamp + DedupRule.Retention(repeatInterval));
}
