using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
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
    private readonly TimeProvider _clock;
    private readonly VigilMetrics _metrics;
    private readonly ILogger<Dispatcher> _logger;
    private readonly Channel<IReadOnlyList<Alert>> _incoming = Channel.CreateUnbounded<IReadOnlyList<Alert>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _groupsGate = new();
    private readonly Dictionary<(string RouteId, Fingerprint GroupLabels), AggregationGroup> _groups = [];
    private readonly ConcurrentQueue<IReadOnlyCollection<Fingerprint>> _flushRequests = new();
    private volatile bool _rebuild;

    public Dispatcher(AlertState state, AlertStatusResolver resolver, FlushProcessor processor, TimeProvider clock, VigilMetrics metrics, ILogger<Dispatcher> logger)
    {
        _state = state;
        _resolver = resolver;
        _processor = processor;
        _clock = clock;
        _metrics = metrics;
        _logger = logger;
        state.Changed += alerts => _incoming.Writer.TryWrite(alerts);
        resolver.TableChanged += _ =>
        {
            _rebuild = true;
            _incoming.Writer.TryWrite([]);
        };
    }

    /// <summary>A copy of the current groups for <c>GET /api/v2/alerts/groups</c>.</summary>
    public IReadOnlyList<GroupView> SnapshotGroups(DateTimeOffset now)
    {
        lock (_groupsGate)
        {
            return _groups.Values
                .Select(g => new GroupView(g.Route.Receiver, g.GroupLabels, g.Alerts.OrderBy(a => a, AlertOrder.Instance).ToList()))
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
        _incoming.Writer.TryWrite([]);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        InsertAll(_state.All.ToList());
        var reader = _incoming.Reader;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitForWorkAsync(reader, stoppingToken);
                if (_rebuild)
                {
                    _rebuild = false;
                    lock (_groupsGate)
                    {
                        _groups.Clear();
                    }
                    InsertAll(_state.All.ToList());
                }
                while (reader.TryRead(out var batch))
                {
                    InsertAll(batch);
                }
                ApplyFlushRequests();
                await FlushDueAsync(stoppingToken);
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
    }

    private async Task WaitForWorkAsync(ChannelReader<IReadOnlyList<Alert>> reader, CancellationToken ct)
    {
        var next = NextDue();
        var now = _clock.GetUtcNow();
        if (next is { } due && due <= now)
        {
            return;
        }
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var read = reader.WaitToReadAsync(wake.Token).AsTask();
        if (next is { } at)
        {
            var timer = Task.Delay(at - now, _clock, wake.Token);
            await Task.WhenAny(read, timer);
            await wake.CancelAsync();
        }
        else
        {
            await read;
        }
        ct.ThrowIfCancellationRequested();
    }

    private DateTimeOffset? NextDue()
    {
        DateTimeOffset? next = null;
        lock (_groupsGate)
        {
            foreach (var g in _groups.Values)
            {
                if (next is null || g.NextFlushAt < next)
                {
                    next = g.NextFlushAt;
                }
            }
        }
        return next;
    }

    private void InsertAll(IReadOnlyList<Alert> alerts)
    {
        if (alerts.Count == 0)
        {
            return;
        }
        var table = _resolver.Table;
        var now = _clock.GetUtcNow();
        lock (_groupsGate)
        {
            foreach (var alert in alerts)
            {
                foreach (var route in table.Root.Match(alert.Labels))
                {
                    var groupLabels = Grouping.GroupLabels(route, alert.Labels);
                    var key = (route.Id, groupLabels.Fingerprint);
                    if (!_groups.TryGetValue(key, out var group))
                    {
                        if (alert.IsResolvedAt(now))
                        {
                            continue; // a resolved alert never opens a group (Alertmanager drops it too)
                        }
                        group = new AggregationGroup(route, groupLabels, now);
                        _groups[key] = group;
                    }
                    group.Insert(alert, now);
                }
            }
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
            foreach (var g in _groups.Values)
            {
                if (g.Alerts.Any(a => wanted.Contains(a.Fingerprint)))
                {
                    g.FlushNow(now);
                }
            }
        }
    }

    private async Task FlushDueAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        List<(AggregationGroup Group, GroupFlush Flush, DateTimeOffset DueAt)> due = [];
        lock (_groupsGate)
        {
            foreach (var g in _groups.Values)
            {
                if (g.IsDue(now))
                {
                    var dueAt = g.NextFlushAt;
                    due.Add((g, g.Flush(now), dueAt));
                }
            }
        }
        foreach (var (group, flush, dueAt) in due)
        {
            var started = Stopwatch.GetTimestamp();
            var done = await _processor.ProcessAsync(flush, ct);
            _metrics.DispatchLatency.Observe(Math.Max(0, (now - dueAt).TotalSeconds) + Stopwatch.GetElapsedTime(started).TotalSeconds);
            lock (_groupsGate)
            {
                if (done)
                {
                    group.MarkNotified(flush.Alerts);
                }
                if (group.IsEmpty)
                {
                    _groups.Remove((group.Route.Id, group.GroupLabels.Fingerprint));
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatcher loop failed; continuing")]
    private partial void LogLoopFailed(Exception e);
}
