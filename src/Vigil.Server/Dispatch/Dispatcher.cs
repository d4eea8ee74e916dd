using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Labels;
using Vigil.Server.Observability;

namespace Vigil.Server.Dispatch;

/// <summary>
/// Drives Alertmanager's dispatch on a <see cref="TimeProvider"/>: every alert change is routed into its
/// aggregation groups; a group due for a flush goes through <see cref="FlushProcessor"/> (mute, dedup
/// against the notification log, durable outbox). One loop owns the groups; the API reads snapshots.
/// </summary>
public sealed partial class Dispatcher : BackgroundService
{
    private readonly AlertState _state;
    private readonly AlertStatusResolver _resolver;
    private readonly FlushProcessor _processor;
    private readonly NotificationLog _log;
    private readonly TimeProvider _clock;
    private readonly VigilMetrics _metrics;
    private readonly ILogger<Dispatcher> _logger;
    private readonly WakeSignal _wake;
    private readonly Lock _groupsGate = new();
    private readonly GroupTable _groups = new();
    private readonly List<(AggregationGroup Group, bool Moved)> _touched = [];
    private readonly Dictionary<AggregationGroup, Task> _inFlight = new(ReferenceEqualityComparer.Instance);

    /// <summary>Groups by the flush time they had when queued; an entry whose group has since moved or gone is skipped.</summary>
    private readonly PriorityQueue<AggregationGroup, DateTimeOffset> _due = new();

    /// <summary>When the loop will next wake by itself; an insert making a group due earlier wakes it.</summary>
    private DateTimeOffset _sleepingUntil = DateTimeOffset.MinValue;
    private readonly ConcurrentQueue<IReadOnlyCollection<Fingerprint>> _flushRequests = new();
    private volatile bool _rebuild;

    private readonly DispatchShards _shards;

    /// <summary>How soon a due group whose shard nobody holds is looked at again.</summary>
    private static readonly TimeSpan UnownedRetry = TimeSpan.FromMilliseconds(500);

    public Dispatcher(AlertState state, AlertStatusResolver resolver, FlushProcessor processor, NotificationLog log, DispatchShards shards,
        TimeProvider clock, VigilMetrics metrics, ILogger<Dispatcher> logger)
    {
        _shards = shards;
        _state = state;
        _resolver = resolver;
        _processor = processor;
        _log = log;
        _clock = clock;
        _wake = new WakeSignal(clock);
        // Groups taken over from another node are made again from the alerts, as at a restart: each flushes, and the
        // notification log (read again with the shards) tells what was already sent and which resolutions are owed.
        shards.Gained += () =>
        {
            _rebuild = true;
            _wake.Wake();
        };
        _metrics = metrics;
        _logger = logger;
        // Routed on the thread that committed them (no hand-off per request); the loop is woken only
        // when a group became due earlier than it planned to wake.
        state.Changed += alerts =>
        {
            if (InsertAll(alerts))
            {
                _wake.Wake();
            }
        };
        resolver.TableChanged += _ =>
        {
            _rebuild = true;
            _wake.Wake();
        };
    }

    /// <summary>A copy of the current groups for <c>GET /api/v2/alerts/groups</c>.</summary>
    public IReadOnlyList<GroupView> SnapshotGroups(DateTimeOffset now) => Snapshot(ordered: true);

    /// <summary>
    /// The same groups in the same order, each with its alerts as held (unordered): the UI's alert list orders only
    /// the alerts of the page it shows, so it does not sort 100,000 alerts per request.
    /// </summary>
    public IReadOnlyList<GroupView> SnapshotGroupsUnordered() => Snapshot(ordered: false);

    private List<GroupView> Snapshot(bool ordered)
    {
        lock (_groupsGate)
        {
            return _groups.All
                .Select(g => new GroupView(g.Route.Receiver, g.GroupLabels,
                    ordered ? g.Alerts.OrderBy(a => a, AlertOrder.Instance).ToList() : [.. g.Alerts]))
                .OrderBy(g => g.GroupLabels, Comparer<LabelSet>.Create(AlertOrder.CompareLabels))
                .ThenBy(g => g.Receiver, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>
    /// Makes every group holding one of these alerts due at once (alerts re-raised at a maintenance window's
    /// end must not wait for group_interval). Call it after the alerts were accepted: their change is queued
    /// before this request, so the loop has them in their groups when it applies it.
    /// </summary>
    public void FlushGroupsOf(IReadOnlyCollection<Fingerprint> fingerprints)
    {
        _flushRequests.Enqueue(fingerprints);
        _wake.Wake();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Rebuild();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_rebuild)
                {
                    _rebuild = false;
                    // A flush under way records its state first: a new group of the same key must plan against it,
                    // or both would send the same state.
                    await FlightsDoneAsync();
                    lock (_groupsGate)
                    {
                        _groups.Clear();
                        _due.Clear();
                    }
                    Rebuild();
                }
                ApplyFlushRequests();
                StartDueFlushes(stoppingToken);
                await WaitForWorkAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogLoopFailed(e);
                await Task.Delay(TimeSpan.FromMilliseconds(200), _clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        await FlightsDoneAsync();
    }

    private async Task FlightsDoneAsync()
    {
        Task[] flights;
        lock (_groupsGate)
        {
            flights = [.. _inFlight.Values];
        }
        await Task.WhenAll(flights).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private Task WaitForWorkAsync(CancellationToken ct)
    {
        DateTimeOffset? next;
        lock (_groupsGate)
        {
            next = PeekDue();
            _sleepingUntil = next ?? DateTimeOffset.MaxValue;
        }
        return _wake.WaitAsync(next, ct);
    }

    /// <summary>The earliest flush time of a group that can flush (not already in flight); drops stale entries. Under the lock.</summary>
    private DateTimeOffset? PeekDue()
    {
        while (_due.TryPeek(out var group, out var at))
        {
            if (at == group.NextFlushAt && !_inFlight.ContainsKey(group) && IsCurrent(group))
            {
                return at;
            }
            _due.Dequeue();
        }
        return null;
    }

    private bool IsCurrent(AggregationGroup group) => _groups.IsCurrent(group);

    /// <summary>
    /// Makes the groups again from every alert held, at start and when the routing tree changed. Groups live only in
    /// memory, so an alert resolved since its group last notified (a resolution acknowledged just before a crash)
    /// would otherwise never be notified: a resolved alert opens no group. Here it does when the notification log says
    /// the group's receiver was last shown it firing. Firing alerts go first, so resolved ones join the groups they open.
    /// </summary>
    private void Rebuild()
    {
        var now = _clock.GetUtcNow();
        // Firing, then resolved, each in the state's order (what a stable sort on "resolved" gave, without sorting 1M).
        var all = new List<Alert>(_state.Count);
        var resolved = new List<Alert>();
        foreach (var alert in _state.All)
        {
            (alert.IsResolvedAt(now) ? resolved : all).Add(alert);
        }
        all.AddRange(resolved);
        InsertAll(all, restoring: true);
    }

    private bool StillOwed(RouteNode route, Alert resolved) =>
        _log.ShowedFiring(Grouping.GroupKey(route, Grouping.GroupLabels(route, resolved.Labels)), route.Receiver, resolved.Fingerprint.Value);

    /// <summary>Routes alerts into their groups; true when a group became due before the loop means to wake.</summary>
    private bool InsertAll(IReadOnlyList<Alert> alerts, bool restoring = false)
    {
        if (alerts.Count == 0)
        {
            return false;
        }
        var wake = false;
        var table = _resolver.Table;
        var now = _clock.GetUtcNow();
        Func<RouteNode, Alert, bool>? stillOwed = restoring ? StillOwed : null;
        lock (_groupsGate)
        {
            foreach (var alert in alerts)
            {
                _touched.Clear();
                _groups.Insert(alert, table, now, stillOwed, _touched);
                foreach (var (group, moved) in _touched)
                {
                    if (moved)
                    {
                        _due.Enqueue(group, group.NextFlushAt);
                    }
                    wake |= group.NextFlushAt < _sleepingUntil;
                }
            }
        }
        return wake;
    }

    /// <summary>
    /// Starts every due group's flush on its own task, as Alertmanager runs each aggregation group in its own
    /// goroutine: a group of 100k alerts whose webhook body takes a second to build and store never holds
    /// up the flush of another group (nor the loop routing new alerts). A group has at most one flush in
    /// flight; it is not due again until that one is done.
    /// </summary>
    private void StartDueFlushes(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        lock (_groupsGate)
        {
            while (PeekDue() is { } at && at <= now)
            {
                var g = _due.Dequeue();
                var flusher = _shards.FlusherOf(g.GroupKey);
                if (flusher == Flusher.OtherNode)
                {
                    ShadowFlush(g, now);
                    continue;
                }
                if (flusher == Flusher.Nobody)
                {
                    // Its shard's lease is being taken (again): look again in a moment rather than skip the notification.
                    g.PostponeFlush(now + UnownedRetry);
                    _due.Enqueue(g, g.NextFlushAt);
                    continue;
                }
                var dueAt = g.NextFlushAt;
                var held = g.BeginFlush(now);
                _inFlight[g] = Task.Run(() => FlushAsync(g, held, now, dueAt, ct), CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// A due group another node of the cluster flushes: its timers and contents move on as the owner's do (resolved
    /// alerts leave it), but nothing is sent. Under the lock.
    /// </summary>
    private void ShadowFlush(AggregationGroup group, DateTimeOffset now)
    {
        var flush = group.CompleteFlush(group.BeginFlush(now), now);
        group.MarkNotified(flush.Alerts);
        _groups.RemoveIfEmpty(group);
        if (IsCurrent(group))
        {
            _due.Enqueue(group, group.NextFlushAt);
        }
    }

    private void ApplyFlushRequests()
    {
        if (_flushRequests.IsEmpty)
        {
            return;
        }
        var wanted = new HashSet<Fingerprint>();
        while (_flushRequests.TryDequeue(out var fingerprints))
        {
            wanted.UnionWith(fingerprints);
        }
        var now = _clock.GetUtcNow();
        lock (_groupsGate)
        {
            foreach (var g in _groups.All)
            {
                if (g.Alerts.Any(a => wanted.Contains(a.Fingerprint)))
                {
                    g.FlushNow(now);
                    _due.Enqueue(g, g.NextFlushAt);
                }
            }
        }
    }

    private async Task FlushAsync(AggregationGroup group, Alert[] held, DateTimeOffset now, DateTimeOffset dueAt, CancellationToken ct)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var flush = group.CompleteFlush(held, now);
            var done = await _processor.ProcessAsync(flush, ct);
            _metrics.DispatchLatency.Observe(Math.Max(0, (now - dueAt).TotalSeconds) + Stopwatch.GetElapsedTime(started).TotalSeconds);
            lock (_groupsGate)
            {
                if (done)
                {
                    group.MarkNotified(flush.Alerts);
                }
                _groups.RemoveIfEmpty(group);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogLoopFailed(e);
        }
        finally
        {
            lock (_groupsGate)
            {
                _inFlight.Remove(group);
                if (IsCurrent(group))
                {
                    _due.Enqueue(group, group.NextFlushAt); // its next flush (group_interval later)
                }
            }
            _wake.Wake();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatcher loop failed; continuing")]
    private partial void LogLoopFailed(Exception e);
}
