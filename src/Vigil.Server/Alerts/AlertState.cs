using System.Runtime.CompilerServices;
using Vigil.Server.Labels;

namespace Vigil.Server.Alerts;

/// <summary>
/// The live alerts, in memory. Writes come in the order the ingest log committed them (one writer);
/// reads enumerate without locks, so a large <c>GET /api/v2/alerts</c> never stalls ingestion.
/// Counts changes so the checkpoint writer knows when a new snapshot is due.
/// </summary>
public sealed class AlertState
{
    private AlertTable _alerts = new(); // replaced only by Restore, before serving
    private readonly Lock _gate = new();
    private long _version;
    private long _appliedSeq;
    // What changed since the checkpoint writer last took the changes: the alert as now held, or null once removed.
    // Bounded by the alerts held (one entry per fingerprint); the checkpoint writer takes it every few seconds.
    private Dictionary<Fingerprint, Alert?> _changes = [];

    /// <summary>Raised (on the writer) with the alerts as stored after each applied batch.</summary>
    public event Action<IReadOnlyList<Alert>>? Changed;

    /// <summary>Alerts held: firing, and resolved ones not yet collected.</summary>
    public int Count => Volatile.Read(ref _alerts).Count;

    public long AppliedSeq => Volatile.Read(ref _appliedSeq);

    /// <summary>Slots in the table that holds the alerts (for tests of its sizing).</summary>
    internal int Capacity => Volatile.Read(ref _alerts).Capacity;

    /// <summary>
    /// Every alert held, enumerated without locks (not a moment-in-time copy: an alert changed meanwhile shows
    /// in one version or the other), so a large read never stalls ingestion.
    /// </summary>
    public IEnumerable<Alert> All => Volatile.Read(ref _alerts).All;

    public Alert? Get(Fingerprint fingerprint) => Volatile.Read(ref _alerts).Get(fingerprint);

    /// <summary>
    /// Alerts held plus <paramref name="reserved"/>, read under the writer's lock: a fold that applies alerts and gives
    /// back their admission's places (<see cref="Apply"/>) is seen either whole or not at all.
    /// </summary>
    public long CountPlus(ref long reserved)
    {
        lock (_gate)
        {
            return _alerts.Count + Interlocked.Read(ref reserved);
        }
    }

    /// <summary>
    /// Folds received alerts in (Alertmanager's merge rules) and records <paramref name="seq"/> as applied; then, under the
    /// same lock, gives back the places their admission held (<paramref name="places"/>).
    /// </summary>
    public IReadOnlyList<Alert> Apply(IReadOnlyList<Alert> incoming, long seq, DateTimeOffset now, Reservation? places = null)
    {
        var stored = new Alert[incoming.Count];
        lock (_gate)
        {
            for (var i = 0; i < incoming.Count; i++)
            {
                var alert = incoming[i];
                var fp = alert.Fingerprint;
                var merged = AlertMerge.Apply(_alerts.Get(fp), alert, now);
                _changes[fp] = merged;
                _alerts.Set(merged);
                stored[i] = merged;
            }
            if (seq > _appliedSeq)
            {
                Volatile.Write(ref _appliedSeq, seq);
            }
            Interlocked.Increment(ref _version);
            places?.Release();
        }
        Changed?.Invoke(stored);
        return stored;
    }

    /// <summary>Loads a stored snapshot at start (before any replay): its entries in order, a later one replacing
    /// or (no alert) removing an earlier one of the same fingerprint; raises no event and records no change. A snapshot
    /// may be given in parts, in their order, each with the same <paramref name="capacity"/>: the entries of all parts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a million entries at start: no tier-0 code
    public void Restore(IReadOnlyCollection<AlertChange> entries, long appliedSeq, int capacity = 0)
    {
        lock (_gate)
        {
            if (_alerts.Count == 0)
            {
                // Sized once, for every part: growing a million-entry table step by step was 4 % of a restart, and
                // parts come in the order of the table that saved them, which a table still growing packs into long
                // runs of taken slots (a restart of 1M alerts took 13 s instead of 3).
                Volatile.Write(ref _alerts, new AlertTable(Math.Max(entries.Count, capacity)));
            }
            foreach (var (fp, alert) in entries)
            {
                if (alert is null)
                {
                    _alerts.Remove(fp);
                }
                else
                {
                    _alerts.Set(alert);
                }
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
            foreach (var alert in _alerts.All)
            {
                if (alert.EndsAt < resolvedBefore && _alerts.Remove(alert.Fingerprint))
                {
                    _changes[alert.Fingerprint] = null;
                    removed++;
                }
            }
            if (removed > 0)
            {
                Interlocked.Increment(ref _version);
            }
        }
        return removed;
    }

    /// <summary>
    /// A consistent copy of every alert and the log sequence it reflects, for a whole snapshot; the changes
    /// recorded so far are dropped (the snapshot holds them).
    /// </summary>
    public (List<Alert> Alerts, long AppliedSeq, long Version) Snapshot()
    {
        lock (_gate)
        {
            _changes = [];
            var all = new List<Alert>(_alerts.Count);
            all.AddRange(_alerts.All);
            return (all, _appliedSeq, _version);
        }
    }

    /// <summary>Alerts changed or removed since the previous call (or <see cref="Snapshot"/>) and the log sequence they
    /// reflect, for an incremental snapshot: the stored snapshot at the previous sequence plus these is the state now.</summary>
    public (IReadOnlyCollection<AlertChange> Changes, long AppliedSeq, long Version) TakeChanges()
    {
        Dictionary<Fingerprint, Alert?> taken;
        long seq;
        long version;
        lock (_gate)
        {
            taken = _changes;
            _changes = [];
            seq = _appliedSeq;
            version = _version;
        }
        var changes = new AlertChange[taken.Count];
        var i = 0;
        foreach (var (fp, alert) in taken)
        {
            changes[i++] = new AlertChange(fp, alert);
        }
        return (changes, seq, version);
    }

    /// <summary>How many alerts changed since the changes were last taken (read without the lock: an estimate).</summary>
    public int PendingChanges => _changes.Count;

    /// <summary>Counts changes, so the checkpoint writer can tell whether anything changed since its last snapshot.</summary>
    public long Version => Interlocked.Read(ref _version);
}
