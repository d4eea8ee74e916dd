using System.Runtime.CompilerServices;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Inhibition;
using Vigil.Server.Labels;

namespace Vigil.Server.Dispatch;

/// <summary>
/// Answers "where does this alert go and what mutes it" for the API and the dispatcher alike. Keeps the
/// inhibition index current from alert changes (on the ingest writer) under a reader-writer lock, so
/// queries of 100k alerts read concurrently with ingestion.
/// </summary>
public sealed class AlertStatusResolver
{
    private readonly AlertState _state;
    private readonly IAlertMuter[] _muters;
    private readonly ReaderWriterLockSlim _lock = new();
    private RoutingTable _table;
    private InhibitionIndex _index;

    /// <summary>The status of an alert nothing mutes, per route (its receiver list): the same value for every such alert.</summary>
    private readonly ConditionalWeakTable<IReadOnlyList<string>, AlertStatus> _unmuted = new();

    public AlertStatusResolver(AlertState state, ConfigHolder config, IEnumerable<IAlertMuter> muters)
    {
        _state = state;
        _muters = [.. muters];
        _table = new RoutingTable(config.Current);
        _index = _table.Inhibitor.CreateIndex(state.All);
        state.Changed += OnAlertsChanged;
        config.Reloaded += c => Rebuild(new RoutingTable(c));
    }

    public RoutingTable Table => Volatile.Read(ref _table);

    /// <summary>Raised after the routing table changed (config reload).</summary>
    public event Action<RoutingTable>? TableChanged;

    /// <summary>Rebuilds the inhibition index from all alerts (after start-up restore, or a reload).</summary>
    public void Rebuild(RoutingTable? table = null)
    {
        _lock.EnterWriteLock();
        try
        {
            if (table is not null)
            {
                Volatile.Write(ref _table, table);
            }
            _index = _table.Inhibitor.CreateIndex(_state.All);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
        if (table is not null)
        {
            TableChanged?.Invoke(table);
        }
    }

    public AlertStatus Resolve(Alert alert, DateTimeOffset now) => Resolve(alert, now, []);

    /// <summary><see cref="Resolve(Alert, DateTimeOffset)"/> for one of many alerts resolved in a row by one caller:
    /// routes match into <paramref name="scratch"/>, so an unmuted alert costs one small status object.</summary>
    public AlertStatus Resolve(Alert alert, DateTimeOffset now, List<RouteNode> scratch)
    {
        List<string>? silenced = null, windows = null;
        foreach (var muter in _muters)
        {
            var ids = muter.MutedBy(alert, now);
            if (ids.Count > 0)
            {
                var into = muter.Kind == MuteKind.Silence ? silenced ??= [] : windows ??= [];
                into.AddRange(ids);
            }
        }
        var receivers = Table.ReceiversFor(alert.Labels, scratch);
        var inhibited = InhibitedBy(alert.Labels, now);
        if (silenced is null && windows is null && inhibited.Count == 0 && scratch.Count == 1)
        {
            // One route's own receiver list (RoutingTable.ReceiversFor): a GET of every alert, every 100 ms at a Grafana's
            // pace, made a status and an empty list per alert, which was garbage the collector paused the server for.
            return _unmuted.GetValue(receivers, r => new AlertStatus(r, [], []));
        }
        return new(receivers, inhibited, (IReadOnlyList<string>?)silenced ?? [], windows);
    }

    /// <summary>Whether the alert must not be notified now: inhibited, silenced or muted by a window.</summary>
    public bool IsMuted(Alert alert, DateTimeOffset now)
    {
        foreach (var muter in _muters)
        {
            if (muter.MutedBy(alert, now).Count > 0)
            {
                return true;
            }
        }
        return InhibitedBy(alert.Labels, now).Count > 0;
    }

    private IReadOnlyList<string> InhibitedBy(LabelSet labels, DateTimeOffset now)
    {
        if (Table.Inhibitor.RuleCount == 0)
        {
            // No rule, no index to read: spares a lock per alert when resolving many.
            return [];
        }
        IReadOnlyList<Fingerprint> sources;
        _lock.EnterReadLock();
        try
        {
            if (_index.Count == 0)
            {
                return [];
            }
            sources = _table.Inhibitor.InhibitedBy(labels, _index, now);
        }
        finally
        {
            _lock.ExitReadLock();
        }
        return sources.Count == 0 ? [] : sources.Select(f => f.ToString()).ToList();
    }

    private void OnAlertsChanged(IReadOnlyList<Alert> alerts)
    {
        if (_table.Inhibitor.RuleCount == 0)
        {
            return;
        }
        _lock.EnterWriteLock();
        try
        {
            foreach (var a in alerts)
            {
                _index.Set(a);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }
}
