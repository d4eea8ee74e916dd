using System.Collections.Concurrent;
using Vigil.Server.Labels;

namespace Vigil.Server.Alerts;

/// <summary>
/// The live alerts, in memory. Writes come in the order the ingest log committed them (one writer);
/// reads enumerate without locks, so a large <c>GET /api/v2/alerts</c> never stalls ingestion.
/// Tracks what changed since the last checkpoint so the queryable table can be brought up to date.
/// </summary>
public sealed class AlertState
{
    private readonly ConcurrentDictionary<Fingerprint, Alert> _alerts = new();
    private readonly Lock _gate = new();
    private HashSet<Fingerprint> _dirty = [];
    private long _appliedSeq;

    /// <summary>Raised (on the writer) with the alerts as stored after each applied batch.</summary>
    public event Action<IReadOnlyList<Alert>>? Changed;

    public int Count => _alerts.Count;

    public long AppliedSeq => Volatile.Read(ref _appliedSeq);

    public IEnumerable<Alert> All => _alerts.Values;

    public Alert? Get(Fingerprint fingerprint) => _alerts.TryGetValue(fingerprint, out var a) ? a : null;

    /// <summary>Folds received alerts in (Alertmanager's merge rules) and records <paramref name="seq"/> as applied.</summary>
    public IReadOnlyList<Alert> Apply(IReadOnlyList<Alert> incoming, long seq, DateTimeOffset now)
    {
        var stored = new Alert[incoming.Count];
        lock (_gate)
        {
            for (var i = 0; i < incoming.Count; i++)
            {
                var alert = incoming[i];
                var fp = alert.Fingerprint;
                var merged = AlertMerge.Apply(_alerts.TryGetValue(fp, out var old) ? old : null, alert, now);
                _alerts[fp] = merged;
                _dirty.Add(fp);
                stored[i] = merged;
            }
            if (seq > _appliedSeq)
            {
                Volatile.Write(ref _appliedSeq, seq);
            }
        }
        Changed?.Invoke(stored);
        return stored;
    }

    /// <summary>Loads the checkpointed alerts at start (before any replay); raises no event.</summary>
    public void Restore(IEnumerable<Alert> alerts, long appliedSeq)
    {
        lock (_gate)
        {
            foreach (var a in alerts)
            {
                _alerts[a.Fingerprint] = a;
            }
            _appliedSeq = appliedSeq;
        }
    }

    /// <summary>Drops alerts resolved before <paramref name="resolvedBefore"/> (Alertmanager's periodic GC).</summary>
    public int CollectGarbage(DateTimeOffset resolvedBefore)
    {
        var removed = 0;
        lock (_gate)
        {
            foreach (var (fp, alert) in _alerts)
            {
                if (alert.EndsAt < resolvedBefore && _alerts.TryRemove(new KeyValuePair<Fingerprint, Alert>(fp, alert)))
                {
                    _dirty.Add(fp);
                    removed++;
                }
            }
        }
        return removed;
    }

    /// <summary>What changed since the last call, for the checkpoint writer: the current alerts to upsert,
    /// the fingerprints to delete, and the log sequence they reflect.</summary>
    public Checkpoint TakeChanges()
    {
        HashSet<Fingerprint> dirty;
        long seq;
        lock (_gate)
        {
            dirty = _dirty;
            _dirty = [];
            seq = _appliedSeq;
        }
        var upserts = new List<Alert>(dirty.Count);
        var deletes = new List<Fingerprint>();
        foreach (var fp in dirty)
        {
            if (_alerts.TryGetValue(fp, out var a))
            {
                upserts.Add(a);
            }
            else
            {
                deletes.Add(fp);
            }
        }
        return new Checkpoint(upserts, deletes, seq, dirty);
    }

    /// <summary>Puts changes back when writing a checkpoint failed, so the next attempt includes them.</summary>
    public void ReturnChanges(Checkpoint failed)
    {
        lock (_gate)
        {
            _dirty.UnionWith(failed.Dirty);
        }
    }

    public sealed record Checkpoint(IReadOnlyCollection<Alert> Upserts, IReadOnlyCollection<Fingerprint> Deletes, long AppliedSeq, HashSet<Fingerprint> Dirty);
}
