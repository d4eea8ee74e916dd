using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Storage;

namespace Vigil.Server.Cluster;

/// <summary>
/// Keeps this node's copies of shared tables (<see cref="SharedTable"/>) current on PostgreSQL: one connection
/// <c>LISTEN</c>s on <c>vigil_changes</c>, which a trigger on each table notifies at every committed change (any node,
/// or a change made in SQL), and the named table is read again at once; every table is also read again every
/// <see cref="ClusterSettings.RereadInterval"/> and after each reconnect, so a lost notice costs at most that long.
/// Does nothing on SQLite (one node: its own changes are applied as they commit).
/// </summary>
internal sealed partial class SharedStateFollower(
    Database db, IEnumerable<SharedTable> tables, IEnumerable<SharedChannel> channels, IServiceProvider services, ClusterView view, ConfigHolder config,
    TimeProvider clock, ILogger<SharedStateFollower> logger) : BackgroundService
{
    public const string Channel = "vigil_changes";

    private readonly Dictionary<string, SharedTable> _tables = tables.ToDictionary(t => t.Table, StringComparer.Ordinal);
    private readonly Dictionary<string, SharedChannel> _channels = channels.ToDictionary(c => c.Channel, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _pending = new(StringComparer.Ordinal);
    private readonly LoopHealth _health = new("shared-state", logger);

    /// <summary>Re-reads done, by table (tests and <c>/metrics</c> readers use it to see a notice was acted on).</summary>
    public ConcurrentDictionary<string, long> Rereads { get; } = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db.Engine != DatabaseEngine.Postgres)
        {
            view.Following(true);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                view.Following(false);
                var backoff = _health.PassFailed(e);
                try
                {
                    await Task.Delay(backoff, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task FollowAsync(CancellationToken ct)
    {
        await using var conn = (NpgsqlConnection)await db.OpenConnectionAsync(ct);
        conn.Notification += (_, e) =>
        {
            if (e.Channel == Channel && _tables.ContainsKey(e.Payload))
            {
                _pending[e.Payload] = true;
            }
            else if (_channels.TryGetValue(e.Channel, out var channel))
            {
                channel.OnNotice(services, e.Payload);
            }
        };
        foreach (var name in _channels.Keys.Prepend(Channel))
        {
            await using var listen = new NpgsqlCommand($"LISTEN {name}", conn);
            await listen.ExecuteNonQueryAsync(ct);
        }
        // Listening first, then reading: a change committed in between is both read and notified, never missed.
        await RereadAsync(_tables.Keys, ct);
        foreach (var channel in _channels.Values)
        {
            channel.OnNotice(services, "");
        }
        view.Following(true);
        _health.PassSucceeded(clock.GetUtcNow());
        var nextFull = clock.GetUtcNow() + config.Current.Server.Cluster.RereadInterval;
        while (!ct.IsCancellationRequested)
        {
            var wait = nextFull - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                // Returns when a notice arrives (its handler ran) or after the wait; a broken connection throws.
                await conn.WaitAsync(wait < TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1), ct);
            }
            if (clock.GetUtcNow() >= nextFull)
            {
                _pending.Clear();
                await RereadAsync(_tables.Keys, ct);
                nextFull = clock.GetUtcNow() + config.Current.Server.Cluster.RereadInterval;
                _health.PassSucceeded(clock.GetUtcNow());
                continue;
            }
            var changed = _pending.Keys.ToList();
            foreach (var t in changed)
            {
                _pending.TryRemove(t, out _);
            }
            if (changed.Count > 0)
            {
                await RereadAsync(changed, ct);
            }
        }
    }

    private async Task RereadAsync(IEnumerable<string> names, CancellationToken ct)
    {
        foreach (var name in names)
        {
            await _tables[name].Reread(services, ct);
            Rereads.AddOrUpdate(name, 1, (_, n) => n + 1);
        }
    }
}
