using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Maintenance;
using Vigil.Server.Silences;

namespace Vigil.Drill.Notify;

/// <summary>
/// The server's alert → notification path on a virtual clock, single-threaded and without I/O: alerts are merged
/// into <see cref="AlertState"/>, routed into aggregation groups (<see cref="GroupTable"/>), and each group due is
/// flushed through <see cref="FlushPlanner"/> with the server's muting (<see cref="AlertStatusResolver"/> over
/// inhibition, <see cref="SilenceSet"/> and <see cref="WindowSet"/>) and dedup against an in-memory notification log,
/// as <see cref="Dispatcher"/> and <see cref="FlushProcessor"/> compose them. At one instant, alerts posted are seen
/// by the flushes due then; groups due at the same instant flush in the order they were opened.
/// </summary>
internal sealed class NotificationSimulator
{
    private readonly AlertState _state = new();
    private readonly SilenceSet _silences;
    private readonly WindowSet _windows;
    private readonly AlertStatusResolver _resolver;
    private readonly GroupTable _groups = new();
    private readonly NotificationLogEntries _log = new();
    private readonly PriorityQueue<AggregationGroup, (DateTimeOffset At, long Seq)> _due = new();
    private readonly Dictionary<AggregationGroup, GroupHistory> _history = new(ReferenceEqualityComparer.Instance);
    private readonly List<(AggregationGroup Group, bool Moved)> _touched = [];
    private readonly HoldTracker _holds;
    private readonly List<PredictedNotification> _notifications = [];
    private readonly List<HeldBack> _heldBack = [];
    private long _groupSeq;
    private long _ingestSeq;

    public NotificationSimulator(VigilConfig config, DateTimeOffset start)
    {
        Config = config;
        var holder = new ConfigHolder(config, null);
        _silences = new SilenceSet(holder);
        _windows = new WindowSet(holder, NullLogger<WindowSet>.Instance);
        _resolver = new AlertStatusResolver(_state, holder, [_silences, _windows]);
        _holds = new HoldTracker(config, _resolver, _silences, _windows, _state);
        Start = start;
        Now = start;
    }

    public VigilConfig Config { get; }

    /// <summary>Where the virtual clock started; reasons give instants relative to it (<c>+1m30s</c>).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The virtual clock: the last instant posted at or advanced to.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>The alerts held now, as the server's alert state holds them.</summary>
    public IEnumerable<Alert> Held => _state.All;

    /// <summary>When the next group is due to flush, or null when no group is held.</summary>
    public DateTimeOffset? NextDueAt => PeekDue()?.At;

    /// <summary>
    /// Receives alerts at <paramref name="at"/> (not before <see cref="Now"/>) as <c>POST /api/v2/alerts</c> would:
    /// flushes due before it run first (their output waits for <see cref="AdvanceTo"/>). Returns the alerts as held.
    /// </summary>
    /// <exception cref="ArgumentException">An alert is invalid, or <paramref name="at"/> is before <see cref="Now"/>.</exception>
    public IReadOnlyList<Alert> Post(IReadOnlyList<SentAlert> alerts, DateTimeOffset at)
    {
        RunUntil(at, inclusive: false);
        var incoming = alerts.Select(a => ToAlert(a, at)).ToList();
        var stored = _state.Apply(incoming, ++_ingestSeq, at);
        foreach (var alert in stored)
        {
            _touched.Clear();
            _groups.Insert(alert, _resolver.Table, at, null, _touched);
            foreach (var (group, moved) in _touched)
            {
                if (!_history.ContainsKey(group))
                {
                    _history[group] = new GroupHistory(++_groupSeq, at);
                }
                if (moved)
                {
                    _due.Enqueue(group, (group.NextFlushAt, _history[group].Seq));
                }
            }
        }
        return stored;
    }

    /// <summary>
    /// Makes every group holding one of these alerts due now, as the server's <see cref="Dispatcher.FlushGroupsOf"/> does for
    /// alerts re-raised at a maintenance window's end (they must not wait for group_interval).
    /// </summary>
    public void FlushGroupsOf(IReadOnlyCollection<Server.Labels.Fingerprint> fingerprints)
    {
        foreach (var group in _groups.All.Where(g => g.Alerts.Any(a => fingerprints.Contains(a.Fingerprint))).ToList())
        {
            group.FlushNow(Now);
            _due.Enqueue(group, (group.NextFlushAt, _history[group].Seq));
        }
    }

    /// <summary>Adds (or replaces, by id) a silence; it mutes from its start as the server's would. Validate it first (<see cref="SilenceRules.Validate"/>).</summary>
    public void AddSilence(Silence silence) => _silences.Put(silence);

    /// <summary>Adds (or replaces, by id) a maintenance window made through the API.</summary>
    public void AddWindow(MaintenanceWindow window) => _windows.Put(window);

    /// <summary>Runs every flush due up to <paramref name="until"/> (inclusive) and returns what they produced since the last call, in time order.</summary>
    public SimulationOutput AdvanceTo(DateTimeOffset until)
    {
        RunUntil(until, inclusive: true);
        var output = new SimulationOutput([.. _notifications], [.. _heldBack]);
        _notifications.Clear();
        _heldBack.Clear();
        return output;
    }

    private void RunUntil(DateTimeOffset until, bool inclusive)
    {
        if (until < Now)
        {
            throw new ArgumentException($"the simulation is at {Now:O}; it cannot go back to {until:O}", nameof(until));
        }
        while (PeekDue() is { } next && (next.At < until || (inclusive && next.At == until)))
        {
            Now = next.At;
            Flush(_due.Dequeue());
        }
        Now = until;
    }

    private (AggregationGroup Group, DateTimeOffset At)? PeekDue()
    {
        while (_due.TryPeek(out var group, out var key))
        {
            if (key.At == group.NextFlushAt && _groups.IsCurrent(group))
            {
                return (group, key.At);
            }
            _due.Dequeue();
        }
        return null;
    }

    private void Flush(AggregationGroup group)
    {
        var now = Now;
        var history = _history[group];
        var flush = group.CompleteFlush(group.BeginFlush(now), now);
        _log.CollectGarbage(now);
        var receiver = Config.FindReceiver(flush.Receiver);
        var plan = FlushPlanner.Plan(flush, _resolver.Table, receiver, a => _resolver.IsMuted(a, now),
            i => _log.Get(flush.GroupKey, flush.Receiver, i), now);
        _heldBack.AddRange(_holds.Report(flush, plan, now));
        if (receiver is not null)
        {
            _notifications.AddRange(FlushReport.Notifications(flush, plan, Config, i => _log.Get(flush.GroupKey, flush.Receiver, i), history, Start, now));
        }
        foreach (var entry in plan.Entries)
        {
            _log.Put(entry, flush.RepeatInterval);
        }
        group.MarkNotified(flush.Alerts);
        history.LastFlushAt = now;
        if (_groups.RemoveIfEmpty(group))
        {
            _history.Remove(group);
            _holds.Forget(flush.GroupKey, flush.Receiver);
        }
        else
        {
            _due.Enqueue(group, (group.NextFlushAt, history.Seq));
        }
    }

    /// <summary>As <c>AlertsRequestParser</c> reads a posted alert: a missing start is now, a missing end now + resolve_timeout.</summary>
    private Alert ToAlert(SentAlert sent, DateTimeOffset now)
    {
        var annotations = sent.Annotations;
        var start = sent.StartsAt ?? sent.EndsAt ?? now;
        if (AlertValidation.Validate(sent.Labels, annotations, start, sent.EndsAt ?? default) is { } error)
        {
            throw new ArgumentException($"alert {sent.Labels}: {error}", nameof(sent));
        }
        var end = sent.EndsAt ?? now + Config.Global.ResolveTimeout;
        return new Alert(sent.Labels, annotations, start, end, "", now, sent.EndsAt is null);
    }
}
