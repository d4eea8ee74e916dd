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
    private readonly Dictionary<AggregationGroup, Task> _inFlight = new(ReferenceEqualityComparer.Instance);
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
                StartDueFlushes(stoppingToken);
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
        Task[] flights;
        lock (_groupsGate)
        {
            flights = [.. _inFlight.Values];
        }
        await Task.WhenAll(flights).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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
                if ((next is null || g.NextFlushAt < next) && !_inFlight.ContainsKey(g))
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
                    var key = (route.Id, Grouping.GroupFingerprint(route, alert.Labels));
                    if (!_groups.TryGetValue(key, out var group))
                    {
                        if (alert.IsResolvedAt(now))
                        {
                            continue; // a resolved alert never opens a group (Alertmanager drops it too)
                        }
                        group = new AggregationGroup(route, Grouping.GroupLabels(route, alert.Labels), now);
                        _groups[key] = group;
                    }
                    group.Insert(alert, now);
                }
            }
        }
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
            foreach (var g in _groups.Values)
            {
                if (g.IsDue(now) && !_inFlight.ContainsKey(g))
                {
                    var dueAt = g.NextFlushAt;
                    var held = g.BeginFlush(now);
                    _inFlight[g] = Task.Run(() => FlushAsync(g, held, now, dueAt, ct), CancellationToken.None);
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
                var key = (group.Route.Id, group.GroupLabels.Fingerprint);
                if (group.IsEmpty && _groups.TryGetValue(key, out var current) && current == group)
                {
                    _groups.Remove(key);
                }
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
            }
            _incoming.Writer.TryWrite([]); // wake the loop: this group may be due again
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatcher loop failed; continuing")]
    private partial void LogLoopFailed(Exception e);
}
