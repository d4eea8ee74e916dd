using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Storage;

namespace Vigil.Server.Alerts;

/// <summary>
/// Brings the queryable <c>alerts</c> table up to date from memory every second, then truncates the
/// ingest log up to what the table now holds; drops alerts resolved for longer than the retention.
/// Runs once more at shutdown.
/// </summary>
internal sealed partial class CheckpointService(
    AlertState state,
    AlertSnapshotStore snapshots,
    IngestLog log,
    Dispatch.NotificationLog notificationLog,
    TimeProvider clock,
    ILogger<CheckpointService> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>Resolved alerts are kept this long (Alertmanager's GC interval is 30m).</summary>
    private static readonly TimeSpan ResolvedRetention = TimeSpan.FromMinutes(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        var ticks = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (++ticks % 60 == 0)
                {
                    state.CollectGarbage(clock.GetUtcNow() - ResolvedRetention);
                    await notificationLog.CollectGarbageAsync(clock.GetUtcNow(), stoppingToken);
                }
                await CheckpointAsync(stoppingToken);
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

    public async Task CheckpointAsync(CancellationToken ct)
    {
        var changes = state.TakeChanges();
        if (changes.Upserts.Count == 0 && changes.Deletes.Count == 0)
        {
            return;
        }
        try
        {
            await snapshots.SaveAsync(changes.Upserts, changes.Deletes, changes.AppliedSeq, ct);
            await log.TruncateThroughAsync(changes.AppliedSeq, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            state.ReturnChanges(changes);
            LogCheckpointFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of alerts failed; will retry")]
    private partial void LogCheckpointFailed(Exception e);
}
