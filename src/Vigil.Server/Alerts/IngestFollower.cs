using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Hosting;
using Vigil.Server.Storage;

namespace Vigil.Server.Alerts;

/// <summary>
/// On PostgreSQL, folds the alerts other nodes accepted into this node's <see cref="AlertState"/>: at once when their
/// commit notifies (<see cref="IngestLog.NoticeChannel"/>, heard by <see cref="Cluster.SharedStateFollower"/>), and every
/// <see cref="Poll"/> in case a notice was lost. Nothing to do on SQLite (one node).
/// </summary>
internal sealed class IngestFollower(AlertIngestor ingestor, Database db, TimeProvider clock, ILogger<IngestFollower> logger) : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly WakeSignal _wake = new(clock);
    private readonly LoopHealth _health = new("ingest-follow", logger);

    /// <summary>Another node committed alerts.</summary>
    public void Wake() => _wake.Wake();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        db.Engine != DatabaseEngine.Postgres
            ? Task.CompletedTask
            : PassLoop.RunAsync(_health, _wake, clock, async ct =>
            {
                await ingestor.FollowAsync(ct);
                return clock.GetUtcNow() + Poll;
            }, stoppingToken);
}
