using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Cluster;
using Vigil.Server.Dispatch;
using Vigil.Server.Hosting;
using Vigil.Server.Observability;
using Vigil.Server.Storage;

namespace Vigil.Server.Alerts;

/// <summary>
/// Every <see cref="Period"/>, if alerts changed, writes a snapshot of all live alerts and truncates the
/// ingest log through the sequence the snapshot includes; also drops long-resolved alerts and expired
/// notification-log entries. Runs once more at shutdown, so a clean restart replays nothing.
/// Nodes sharing a PostgreSQL fold the same log into the same alerts: one of them (the holder of the lease
/// <c>checkpoint/alerts</c>) writes the snapshot, and truncates the log only below what every live node has folded
/// and only records older than <see cref="KeepRecent"/> (a node starting reads the snapshot, then the log after it).
/// </summary>
internal sealed partial class CheckpointService(
    AlertState state,
    AlertSnapshotStore snapshots,
    IngestLog log,
    NotificationLog notificationLog,
    LeaseBook leases,
    ClusterView cluster,
    TimeProvider clock,
    ILogger<CheckpointService> logger) : BackgroundService
{
    public const string LeaseKind = "checkpoint";

    /// <summary>In a cluster, log records younger than this are never truncated.</summary>
    public static readonly TimeSpan KeepRecent = TimeSpan.FromMinutes(1);

    /// <summary>How often a snapshot may be written. A snapshot costs ~1 µs per live alert; the log
    /// between snapshots is what a restart replays.</summary>
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    /// <summary>Resolved alerts are kept this long (Alertmanager's GC interval is 30m).</summary>
    private static readonly TimeSpan ResolvedRetention = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan GarbagePeriod = TimeSpan.FromMinutes(1);

    private readonly LoopHealth _health = new("checkpoint", logger);
    // The state starts as the snapshot it was restored from, at version 0 (a restore counts no change; only a replayed
    // or new record does): nothing to write until something changes. Starting at -1 rewrote the whole snapshot
    // 5 s after every start (1M alerts: ~12 s of CPU, with ingestion sharing SQLite's write lock meanwhile).
    private long _savedVersion;
    private DateTimeOffset _lastGarbage;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        leases.Want(LeaseKind, ["alerts"], balanced: false);
        using var timer = new PeriodicTimer(Period, clock);
        _lastGarbage = clock.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CollectGarbageAsync(stoppingToken);
                    if (await CheckpointAsync(stoppingToken))
                    {
                        _health.PassSucceeded(clock.GetUtcNow());
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    await Task.Delay(_health.PassFailed(e), clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await CheckpointAsync(CancellationToken.None);
    }

    /// <summary>Writes a snapshot if alerts changed; false when that failed (logged, retried at the next tick).</summary>
    public async Task<bool> CheckpointAsync(CancellationToken ct)
    {
        if (state.Version == _savedVersion || !leases.Holds(LeaseKind, "alerts"))
        {
            return true;
        }
        var (alerts, appliedSeq, version) = state.Snapshot();
        try
        {
            await snapshots.SaveAsync(alerts, appliedSeq, ct);
            if (!leases.Shared)
            {
                await log.TruncateThroughAsync(appliedSeq, ct: ct);
            }
            else if (cluster.Members.Live.Count > 0)
            {
                var through = Math.Min(appliedSeq, cluster.Members.Live.Min(n => n.FoldedSeq));
                await log.TruncateThroughAsync(through, clock.GetUtcNow() - KeepRecent, ct);
            }
            _savedVersion = version;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCheckpointFailed(e);
            LoopMetrics.Errors.WithLabels("checkpoint").Inc();
            return false;
        }
    }

    private async Task CollectGarbageAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _lastGarbage < GarbagePeriod)
        {
            return;
        }
        _lastGarbage = now;
        state.CollectGarbage(now - ResolvedRetention);
        try
        {
            await notificationLog.CollectGarbageAsync(now, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogGarbageFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of alerts failed; will retry")]
    private partial void LogCheckpointFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing expired notification-log entries failed; will retry")]
    private partial void LogGarbageFailed(Exception e);
}
