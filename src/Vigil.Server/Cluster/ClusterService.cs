using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Config;
using Vigil.Server.Hosting;

namespace Vigil.Server.Cluster;

/// <summary>
/// On PostgreSQL, every <see cref="ClusterSettings.RenewEvery"/> (and whenever a service wants other work): writes this
/// node's heartbeat, reads who else is alive, then takes, renews and gives up leases (<see cref="LeasePlanner"/>). A
/// node that cannot reach the database loses its leases after one lease length and says it is not ready. On stopping it
/// deletes its row and its leases, so the others take its work at their next round. Does nothing on SQLite.
/// </summary>
internal sealed partial class ClusterService(
    ThisNode node, ClusterStore store, ClusterView view, LeaseBook leases, ConfigHolder config, Alerts.AlertState alerts, Storage.OutboxStore outbox,
    TimeProvider clock, ILogger<ClusterService> logger) : BackgroundService
{
    /// <summary>Rows of nodes silent for this long are deleted.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    private readonly LoopHealth _health = new("cluster", logger);
    private readonly HashSet<string> _released = new(StringComparer.Ordinal);
    private string _warnedConfig = "";

    private ClusterSettings Settings => config.Current.Server.Cluster;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!leases.Shared)
        {
            return;
        }
        try
        {
            await node.Named.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await PassLoop.RunAsync(_health, leases.RoundWanted, clock, async ct =>
        {
            DateTimeOffset started;
            try
            {
                started = await RoundAsync(ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                leases.Expire(clock.GetUtcNow());
                throw;
            }
            // Counted from the round's start: a round slower than the renewal period (or a clock that jumped meanwhile,
            // leaving what it renewed already lapsed) is followed by another at once.
            return started + Settings.RenewEvery;
        }, stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (leases.Shared && node.Named.IsCompleted)
        {
            try
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                cts.CancelAfter(TimeSpan.FromSeconds(5));
                await store.LeaveAsync(node.Name, node.Instance, cts.Token);
                LogLeft(node.Name);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The others take its work when its leases expire instead.
                LogLeaveFailed(node.Name, e.Message);
            }
        }
    }

    /// <summary>One heartbeat and lease round; returns when it started (what its renewals count from).</summary>
    private async Task<DateTimeOffset> RoundAsync(CancellationToken ct)
    {
        var lease = Settings.Lease;
        var now = clock.GetUtcNow();
        var me = new NodeRow(node.Name, node.Instance, node.Address, node.Version, node.ConfigHash, node.StartedAt, now, alerts.AppliedSeq);
        var (rows, previous) = await store.BeatAsync(me, now - ForgetAfter, ct);
        var members = Membership.Of(rows, now, lease);
        view.Beat(members, now);
        if (previous is not null && previous.HeartbeatAt + lease > now)
        {
            LogNameReused(node.Name, previous.Instance, previous.Address);
        }
        WarnOnConfig(members);
        await ReleaseOutboxOfGoneAsync(members, ct);

        leases.Identify(node.Name, node.Instance);
        var held = new HashSet<(string, string)>();
        var tried = new HashSet<(string, string)>();
        var wants = leases.Wants;
        IReadOnlyList<LeaseRow> table = await store.ReadLeasesAsync(ct);
        // A few tries in one round: a key another node took a moment earlier is replaced by the next free one.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var plan = LeasePlanner.Make(wants, table, node.Name, node.Instance, members.Live.Count, now, tried);
            var ask = plan.Take.Where(k => !held.Contains(k)).ToList();
            if (ask.Count == 0 && (attempt > 0 || plan.Release.Count == 0))
            {
                break;
            }
            var got = await store.TakeAsync(node.Name, node.Instance, ask, plan.Release, now, now + lease, ct);
            held.UnionWith(got);
            tried.UnionWith(ask);
            table = await store.ReadLeasesAsync(ct);
            if (got.Count == ask.Count)
            {
                break;
            }
        }
        leases.Renewed(held, clock.GetUtcNow(), now + lease, table);
        view.Settled();
        return now;
    }

    /// <summary>Notifications a dead node had claimed go out from the others now, not when its claims (minutes) run out.</summary>
    private async Task ReleaseOutboxOfGoneAsync(Membership members, CancellationToken ct)
    {
        foreach (var gone in members.Gone.Where(g => !_released.Contains(g.Instance)))
        {
            var released = await outbox.ReleaseLeasesOfInstanceAsync(gone.Instance, ct);
            _released.Add(gone.Instance);
            if (released > 0)
            {
                LogReleased(released, gone.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster: took back {Count} notification(s) node {Node} had claimed when it stopped answering")]
    private partial void LogReleased(int count, string node);

    private void WarnOnConfig(Membership members)
    {
        var others = members.ConfiguredOtherwise(node.ConfigHash);
        var key = string.Join(",", others.Select(o => o.Name + "=" + o.ConfigHash));
        if (key != _warnedConfig)
        {
            _warnedConfig = key;
            if (others.Count > 0)
            {
                LogConfigDiffers(node.Name, node.ConfigHash, key);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster: node {Node} runs configuration {Hash}, other live nodes differ: {Others}; give every node the same vigil.yaml")]
    private partial void LogConfigDiffers(string node, string hash, string others);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster: the node name {Node} was in use by a live instance {Instance} at {Address} (a restart keeps it; two live processes must not share a name: --node)")]
    private partial void LogNameReused(string node, string instance, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "cluster: node {Node} left (row and leases deleted)")]
    private partial void LogLeft(string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster: node {Node} could not leave cleanly ({Error}); its leases expire on their own")]
    private partial void LogLeaveFailed(string node, string error);
}
