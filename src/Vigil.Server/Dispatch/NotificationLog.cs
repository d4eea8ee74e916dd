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

    public async Task LoadAsync(CancellationToken ct)
    {
        var rows = await store.LoadAllAsync(ct);
        lock (_gate)
        {
            foreach (var r in rows)
            {
                _entries[(r.GroupKey, r.Receiver, r.IntegrationIndex)] = new NotificationLogEntry(
                    r.GroupKey, r.Receiver, r.IntegrationIndex, r.Firing.ToHashSet(), r.Resolved.ToHashSet(), r.Timestamp);
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

    /// <summary>Commits the entries and the messages together, then updates the cache.</summary>
    public async Task RecordAsync(IReadOnlyList<NotificationLogEntry> entries, IReadOnlyList<OutboxMessage> messages, TimeSpan repeatInterval, CancellationToken ct)
    {
        await database.WriteAsync(async (conn, tx) =>
        {
            foreach (var m in messages)
            {
                await outbox.EnqueueAsync(conn, tx, m, ct);
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
