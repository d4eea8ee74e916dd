namespace Vigil.Server.Dispatch;

/// <summary>
/// The entries of the notification log in memory (Alertmanager's nflog state): the last entry per group, receiver and
/// integration, each kept for twice its route's repeat_interval. Pure and not thread-safe: <see cref="NotificationLog"/>
/// holds one under its lock next to the database; the drill's simulator holds one alone.
/// </summary>
public sealed class NotificationLogEntries
{
    private readonly Dictionary<(string, string, int), NotificationLogEntry> _entries = [];
    private readonly Dictionary<(string, string, int), TimeSpan> _retentionByKey = [];
    private int _maxIndex;

    public NotificationLogEntry? Get(string groupKey, string receiver, int integrationIndex) =>
        _entries.TryGetValue((groupKey, receiver, integrationIndex), out var e) ? e : null;

    /// <summary>Whether the last notification of the group to some integration of <paramref name="receiver"/> showed the alert firing.</summary>
    public bool ShowedFiring(string groupKey, string receiver, ulong fingerprint)
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

    /// <summary>Stores the entry; <paramref name="repeatInterval"/> (null: unknown, as for entries loaded from the database) sets its retention.</summary>
    public void Put(NotificationLogEntry e, TimeSpan? repeatInterval)
    {
        var key = (e.GroupKey, e.ReceiverName, e.IntegrationIndex);
        _entries[key] = e;
        if (repeatInterval is { } r)
        {
            _retentionByKey[key] = r;
        }
        _maxIndex = Math.Max(_maxIndex, e.IntegrationIndex);
    }

    /// <summary>Forgets entries older than their retention (twice the route's repeat_interval; 4h's when unknown).</summary>
    public void CollectGarbage(DateTimeOffset now)
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
