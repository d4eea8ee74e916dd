using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Cluster;
using Vigil.Server.Dispatch;
using Vigil.Server.Hosting;
using Vigil.Server.Observability;
using Vigil.Server.Storage;

namespace Vigil.Server.Alerts;

/// <summary>
/// Every <see cref="Period"/> if alerts changed (sooner once <see cref="EarlyChanges"/> alerts changed; later while an
/// alert storm is being ingested, see <see cref="IsDue"/>), adds the
/// alerts changed since to the stored snapshot and truncates the ingest log through the sequence it includes; writes
/// the whole snapshot again only once the added parts hold as many entries as it (so each change is written a bounded
/// number of times, and a restart decodes at most about twice the alerts it ends with). Also drops long-resolved
/// alerts and expired notification-log entries. Runs once more at shutdown, so a clean restart replays nothing.
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

    /// <summary>How often changed alerts are added to the snapshot. The log between snapshots is what a restart replays.</summary>
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    /// <summary>Changed alerts that make a snapshot due before <see cref="Period"/>: bounds what a restart replays
    /// during a fast ingest (parsing a logged alert costs a few times decoding a snapshot's).</summary>
    public const int EarlyChanges = 50_000;

    /// <summary>
    /// At least this many alerts changed in the last <see cref="Tick"/>: an alert storm is being ingested, and the snapshot
    /// waits (up to <see cref="StormChanges"/>). Encoding one takes a core for a while (~0.5 s for 50,000 alerts on this
    /// 2-core machine during an ingest), which is when the first pages of the storm are sent: a checkpoint in the middle
    /// of a 100k ingest put 60–150 ms on the slowest of them.
    /// </summary>
    public const int StormChangesPerTick = 10_000;

    /// <summary>What a storm may leave out of the snapshot: what a crash during one replays at the next start.</summary>
    public const int StormChanges = 4 * EarlyChanges;

    /// <summary>Below this many alerts, incremental parts may reach this many entries before a whole snapshot.</summary>
    private const long MinWholeAlerts = 10_000;

    /// <summary>A whole snapshot is written at least once per this many incremental ones (a trickle of changes
    /// would otherwise add parts for ever).</summary>
    private const int MaxChangeParts = 100;

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    /// <summary>Resolved alerts are kept this long (Alertmanager's GC interval is 30m).</summary>
    private static readonly TimeSpan ResolvedRetention = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan GarbagePeriod = TimeSpan.FromMinutes(1);

    private readonly LoopHealth _health = new("checkpoint", logger);
    // The state starts as the snapshot it was restored from, at version 0 (a restore counts no change; only a replayed
    // or new record does): nothing to write until something changes. Starting at -1 rewrote the whole snapshot
    // 5 s after every start (1M alerts: ~12 s of CPU, with ingestion sharing SQLite's write lock meanwhile).
    private long _savedVersion;
    private DateTimeOffset _lastGarbage;
    private DateTimeOffset _lastCheckpoint;
    private int _pendingAtLastTick;

    // The sequence of the stored snapshot that the state's recorded changes follow (the one loaded at start, then the
    // last one written); null when unknown (a failed write lost changes, or another node wrote it): a whole one next.
    private long? _follows;
    private bool _started;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        leases.Want(LeaseKind, ["alerts"], balanced: false);
        using var timer = new PeriodicTimer(Tick, clock);
        _lastGarbage = clock.GetUtcNow();
        _lastCheckpoint = _lastGarbage;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CollectGarbageAsync(stoppingToken);
                    var now = clock.GetUtcNow();
                    var pending = state.PendingChanges;
                    var grew = pending - _pendingAtLastTick;
                    _pendingAtLastTick = pending;
                    if (!IsDue(now - _lastCheckpoint, pending, grew))
                    {
                        continue;
                    }
                    _lastCheckpoint = now;
                    if (await CheckpointAsync(stoppingToken))
                    {
                        _health.PassSucceeded(clock.GetUtcNow());
                    }
                    _pendingAtLastTick = state.PendingChanges;
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

    /// <summary>
    /// Whether changed alerts are added to the snapshot at this tick: <see cref="Period"/> after the last time, or once
    /// <see cref="EarlyChanges"/> alerts changed; but not while a storm is being ingested (<paramref name="grewThisTick"/> ≥
    /// <see cref="StormChangesPerTick"/>) until <see cref="StormChanges"/> changed. The tick after a storm writes it.
    /// </summary>
    internal static bool IsDue(TimeSpan sinceLast, int pending, int grewThisTick)
    {
        if (sinceLast < Period && pending < EarlyChanges)
        {
            return false;
        }
        return grewThisTick < StormChangesPerTick || pending >= StormChanges;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await CheckpointAsync(CancellationToken.None);
    }

    /// <summary>Writes a snapshot if alerts changed; false when that failed (logged, retried at the next tick).</summary>
    public async Task<bool> CheckpointAsync(CancellationToken ct)
    {
        if (!_started)
        {
            // Only this writer saves the snapshot in this process, so until it does the one loaded at start is stored.
            _started = true;
            _follows = snapshots.Shape?.AppliedSeq;
        }
        if (!leases.Holds(LeaseKind, "alerts"))
        {
            // Another node writes the snapshot: what changed here will not be added to it by this node.
            state.TakeChanges();
            _follows = null;
            return true;
        }
        if (state.Version == _savedVersion)
        {
            return true;
        }
        try
        {
            var (appliedSeq, version) = await SaveAsync(ct);
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
            _follows = null; // the changes taken are not in the snapshot
            LogCheckpointFailed(e);
            LoopMetrics.Errors.WithLabels("checkpoint").Inc();
            return false;
        }
    }

    /// <summary>Adds the changes to the stored snapshot, or writes a whole one when that is due or the stored one is not
    /// the one they follow.</summary>
    private async Task<(long AppliedSeq, long Version)> SaveAsync(CancellationToken ct)
    {
        var shape = snapshots.Shape;
        if (_follows is { } follows && shape is not null && shape.AppliedSeq == follows && shape.ChangeParts < MaxChangeParts)
        {
            var (changes, seq, version) = state.TakeChanges();
            _follows = null;
            if (shape.ChangeEntries + changes.Count <= Math.Max(shape.WholeAlerts, MinWholeAlerts) &&
                await snapshots.AppendAsync([.. changes], seq, follows, ct))
            {
                _follows = seq;
                SnapshotMetrics.Written.WithLabels("incremental").Inc();
                return (seq, version);
            }
        }
        var (alerts, appliedSeq, wholeVersion) = state.Snapshot();
        _follows = null;
        await snapshots.SaveAsync(alerts, appliedSeq, ct);
        _follows = appliedSeq;
        SnapshotMetrics.Written.WithLabels("whole").Inc();
        return (appliedSeq, wholeVersion);
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
