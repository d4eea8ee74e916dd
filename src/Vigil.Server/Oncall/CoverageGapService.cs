using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Hosting;
using Vigil.Server.Labels;
using Vigil.Server.Notify;
using Vigil.Server.Storage;

namespace Vigil.Server.Oncall;

/// <summary>
/// With <c>oncall.gap_warning</c> set, checks every schedule's coverage from now to the horizon, at start and then every
/// <c>interval</c> on the <see cref="TimeProvider"/>, and warns the receiver through the durable outbox when anyone is
/// missing. Each check also reloads API overrides, so changes made on another node are seen. A schedule whose check
/// fails is logged, shown with its error and skipped; the other schedules are checked.
/// </summary>
public sealed partial class CoverageGapService(
    ConfigHolder config,
    OnCallLookup lookup,
    OverrideEditor editor,
    OutboxStore outbox,
    OutboxDeliveryService delivery,
    Database db,
    ExternalUrl externalUrl,
    TimeProvider clock,
    ILogger<CoverageGapService> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(1);

    private readonly LoopHealth _health = new("oncall", logger);

    /// <summary>Why the coverage check of the schedule failed (retried after a backoff), or null.</summary>
    public string? ErrorOf(string schedule) => _health.ErrorOf(schedule);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = config.Current.Oncall.GapWarning?.Interval ?? Idle;
            try
            {
                await editor.ReloadAsync(stoppingToken);
                await CheckAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                wait = _health.PassFailed(e);
            }
            await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One check of every schedule; returns how many warnings were enqueued.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        var current = config.Current;
        if (current.Oncall.GapWarning is not { } options || current.FindReceiver(options.Receiver) is not { } receiver)
        {
            return 0;
        }
        var now = clock.GetUtcNow();
        var from = OnCallTime.Of(now);
        var to = from + Duration.FromTimeSpan(options.Horizon);
        var sent = 0;
        _health.Retain(name => current.Oncall.FindSchedule(name) is not null);
        foreach (var schedule in current.Oncall.Schedules)
        {
            if (_health.ShouldSkip(schedule.Name, now))
            {
                continue;
            }
            try
            {
                sent += await CheckOneAsync(schedule, receiver, options, now, from, to, ct) ? 1 : 0;
                _health.ItemSucceeded(schedule.Name, $"schedule {schedule.Name}");
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                _health.ItemFailed(schedule.Name, $"schedule {schedule.Name}", e, now);
            }
        }
        _health.PassSucceeded(now);
        return sent;
    }

    private async Task<bool> CheckOneAsync(Schedule schedule, ReceiverConfig receiver, GapWarningOptions options, DateTimeOffset now, Instant from, Instant to,
        CancellationToken ct)
    {
        var gaps = CoverageGaps.Find(lookup.Shifts(schedule.Name, from, to) ?? [], from, to);
        if (gaps.Count == 0)
        {
            return false;
        }
        var alert = GapWarning.Alert(schedule, gaps, options.Horizon, now);
        var groupLabels = LabelSet.Of(("schedule", schedule.Name));
        var messages = ReceiverWarning.Messages(receiver, "{}/oncall:" + groupLabels, groupLabels, alert,
            GapWarning.DedupKey(schedule, gaps, from, to), externalUrl.Value, now);
        var added = await db.WriteAsync(async (conn, tx) =>
        {
            var n = 0;
            foreach (var m in messages)
            {
                n += await outbox.EnqueueAsync(conn, tx, m, ct) is null ? 0 : 1;
            }
            return n;
        }, ct);
        if (added > 0)
        {
            delivery.Notify();
            LogGap(schedule.Name, gaps.Count, CoverageGaps.Describe(gaps[0], schedule.Zone), receiver.Name);
        }
        return added > 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {Schedule} has {Count} coverage gap(s), first {First}; warned {Receiver}")]
    private partial void LogGap(string schedule, int count, string first, string receiver);
}
