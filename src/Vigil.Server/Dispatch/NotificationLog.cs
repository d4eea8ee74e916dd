using Vigil.Server.Cluster;
using Vigil.Server.Notify;
using Vigil.Server.Storage;

namespace Vigil.Server.Dispatch;

/// <summary>
/// The notification log (Alertmanager's nflog): the last notification per group, receiver and integration,
/// cached in memory and written to the database in the same transaction as the outbox messages it describes.
/// </summary>
public sealed class NotificationLog(NotificationLogStore store, OutboxStore outbox, Database database, LeaseBook leases)
{
    private readonly NotificationLogEntries _entries = new();
    private readonly Lock _gate = new();

    public async Task LoadAsync(CancellationToken ct)
    {
        var rows = await store.LoadAllAsync(ct);
        lock (_gate)
        {
            foreach (var r in rows)
            {
                // A flush recorded here after the rows were read is newer than its row: keep it.
                if (_entries.Get(r.GroupKey, r.Receiver, r.IntegrationIndex) is { } held && held.Timestamp > r.Timestamp)
                {
                    continue;
                }
                _entries.Put(new NotificationLogEntry(
                    r.GroupKey, r.Receiver, r.IntegrationIndex, r.Firing.ToHashSet(), r.Resolved.ToHashSet(), r.Timestamp), null);
            }
        }
    }

    public NotificationLogEntry? Get(string groupKey, string receiver, int integrationIndex)
    {
        lock (_gate)
        {
            return _entries.Get(groupKey, receiver, integrationIndex);
        }
    }

    /// <summary>Whether the last notification of the group to some integration of <paramref name="receiver"/> showed the alert firing.</summary>
    public bool ShowedFiring(string groupKey, string receiver, ulong fingerprint)
    {
        lock (_gate)
        {
            return _entries.ShowedFiring(groupKey, receiver, fingerprint);
        }
    }

    /// <summary>
    /// Commits the entries and the messages together, then updates the cache. Each message supersedes the older
    /// undelivered ones of its group and integration, taking over the resolutions they held. In a cluster the group's
    /// dispatch shard must still be this node's in the same transaction: false (nothing written) when another node
    /// took it meanwhile; that node has read or will read this log before it flushes the group.
    /// A message with nothing older of its group pending is added under the lease <paramref name="leaseNow"/> gives
    /// (when it gives one) and listed in <paramref name="leased"/>, for the caller to send once this returned true.
    /// </summary>
    public async Task<bool> RecordAsync(IReadOnlyList<NotificationLogEntry> entries, IReadOnlyList<PlannedWebhook> messages, TimeSpan repeatInterval,
        string groupKey, CancellationToken ct, Func<OutboxMessage, OutboxLease?>? leaseNow = null, List<OutboxItem>? leased = null)
    {
        var recorded = await database.WriteAsync(async (conn, tx) =>
        {
            leased?.Clear();
            if (!await leases.StillHoldsAsync(conn, tx, DispatchShards.LeaseKind, DispatchShards.ShardOf(groupKey), ct))
            {
                return false;
            }
            foreach (var m in messages)
            {
                var (id, superseded) = await outbox.EnqueueGroupStateAsync(conn, tx, m.Message, ct);
                if (id is { } added && superseded.Count > 0 && ResolutionCarryOver.Apply(m, superseded) is { } payload)
                {
                    await outbox.ReplacePayloadAsync(conn, tx, added, payload, ct);
                }
                // Nothing older of the group is pending (none was superseded), so nothing must go out before it: the
                // worker may send it as soon as this commits, under a lease written here, instead of claiming it.
                if (id is { } fresh && superseded.Count == 0 && leased is not null && leaseNow?.Invoke(m.Message) is { } lease)
                {
                    await outbox.LeaseNewAsync(conn, tx, fresh, lease.Owner, lease.Until, ct);
                    leased.Add(lease.ItemOf(m.Message, fresh));
                }
            }
            foreach (var e in entries)
            {
                await store.UpsertAsync(conn, tx, ToRow(e, repeatInterval), ct);
            }
            return true;
        }, ct);
        if (!recorded)
        {
            return false;
        }
        lock (_gate)
        {
            foreach (var e in entries)
            {
                _entries.Put(e, repeatInterval);
            }
        }
        return true;
    }

    /// <summary>Forgets entries older than their retention (twice the route's repeat_interval).</summary>
    public async Task CollectGarbageAsync(DateTimeOffset now, CancellationToken ct)
    {
        await store.DeleteExpiredAsync(now, ct);
        lock (_gate)
        {
            _entries.CollectGarbage(now);
        }
    }

    private static NotificationLogRow ToRow(NotificationLogEntry e, TimeSpan repeatInterval) =>
        new(e.GroupKey, e.ReceiverName, e.IntegrationIndex, e.FiringFingerprints.ToList(), e.ResolvedFingerprints.ToList(),
            e.Timestamp, e.Timestamp + DedupRule.Retention(repeatInterval));
}
