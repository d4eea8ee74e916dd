using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Hosting;

namespace Vigil.Server.Heartbeats;

/// <summary>
/// Holds every heartbeat (configured and API-made) with its last pings, records pings durably, and every second
/// raises or resolves <c>HeartbeatMissing</c>/<c>HeartbeatFailed</c> per <see cref="HeartbeatRules"/>. A ping
/// re-evaluates its heartbeat at once, so a recovery resolves without waiting for the tick. A heartbeat that cannot be
/// evaluated (out of <see cref="HeartbeatLimits"/>, a damaged row) or whose evaluation throws is skipped with its error
/// shown (<see cref="LoopHealth"/>); the others are evaluated as usual. In a cluster every node records the pings it
/// takes, and one node (the holder of the lease <c>heartbeats/all</c>) reads them all and raises or resolves.
/// </summary>
internal sealed class HeartbeatService(
    HeartbeatStore store, ConfigHolder config, AlertState alerts, AlertIngestor ingestor, Cluster.LeaseBook leases, TimeProvider clock,
    ILogger<HeartbeatService> logger)
    : BackgroundService
{
    public const string LeaseKind = "heartbeats";

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly LoopHealth _health = new("heartbeats", logger);
    private Dictionary<string, HeartbeatEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>Every heartbeat with its pings and verdict now, by name; <c>Error</c> says why one is skipped (its verdict is then up).</summary>
    public IReadOnlyList<(Heartbeat Heartbeat, HeartbeatPings Pings, HeartbeatVerdict Verdict, string? Error)> All
    {
        get
        {
            var now = clock.GetUtcNow();
            return [.. Volatile.Read(ref _entries).Values.Select(e => View(e, now)).OrderBy(t => t.Heartbeat.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>Whether this node raises and resolves heartbeat alerts now.</summary>
    private bool Evaluates => leases.Holds(LeaseKind, "all");

    /// <summary>Reads the heartbeats made through the API again (another node of a cluster may have added or removed some).</summary>
    public Task ReloadAsync(CancellationToken ct) => LoadAsync(config.Current, ct);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        leases.Want(LeaseKind, ["all"], balanced: false);
        await LoadAsync(config.Current, cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a ping; false for an unknown id.</summary>
    public async Task<bool> PingAsync(string id, PingKind kind, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_entries.TryGetValue(id, out var entry))
            {
                return false;
            }
            var now = clock.GetUtcNow();
            var pings = kind switch
            {
                PingKind.Start => entry.Pings with { LastStartAt = now },
                PingKind.Fail => entry.Pings with { LastFailAt = now },
                _ => entry.Pings with { LastPingAt = now },
            };
            if (leases.Shared)
            {
                await store.RecordPingAsync(id, kind, now, ct).ConfigureAwait(false);
            }
            else
            {
                await store.SavePingsAsync(id, pings, ct).ConfigureAwait(false);
            }
            entry.Pings = pings;
            if (Evaluates)
            {
                await SyncOrSkipAsync(entry, now, ct).ConfigureAwait(false);
            }
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Adds an API heartbeat: null when done, else why not (400 for labels over the alert limits, 409 when the name is taken,
    /// 429 at <c>server.limits.max_heartbeats</c>).</summary>
    public async Task<(int Status, string Detail)?> AddAsync(Heartbeat hb, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var limits = config.Current.Server.Limits;
            // Checked as the labels its alerts will carry (its own, alertname and heartbeat=name).
            if (AlertLimits.CheckLabels(HeartbeatAlerts.LabelsOf(hb, "HeartbeatMissing"), limits) is { } tooLarge)
            {
                return (StatusCodes.Status400BadRequest, "labels: " + tooLarge.Message);
            }
            var max = limits.MaxHeartbeats;
            if (_entries.Values.Count(e => e.Heartbeat.Source == HeartbeatSources.Api) is var made && made >= max)
            {
                return (StatusCodes.Status429TooManyRequests,
                    $"{made} heartbeats were made through the API, the limit (server.limits.max_heartbeats) is {max}; delete one first");
            }
            if (_entries.Values.Any(e => e.Heartbeat.Name == hb.Name) || !await store.InsertAsync(hb, ct).ConfigureAwait(false))
            {
                return (StatusCodes.Status409Conflict, $"a heartbeat named '{hb.Name}' exists");
            }
            var next = new Dictionary<string, HeartbeatEntry>(_entries, StringComparer.Ordinal) { [hb.Id] = new(hb, new HeartbeatPings(hb.CreatedAt)) };
            Volatile.Write(ref _entries, next);
            return null;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Removes an API heartbeat (resolving its alert): null when done, else why not (404 or 409).</summary>
    public async Task<(int Status, string Detail)?> RemoveAsync(string id, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_entries.TryGetValue(id, out var entry))
            {
                return (StatusCodes.Status404NotFound, $"no heartbeat with id '{id}'");
            }
            if (entry.Heartbeat.Source == HeartbeatSources.Config)
            {
                return (StatusCodes.Status409Conflict, $"heartbeat '{entry.Heartbeat.Name}' is defined in the configuration; remove it there");
            }
            await store.DeleteAsync(id, ct).ConfigureAwait(false);
            await ResolveRaisedAsync(entry, clock.GetUtcNow(), ct).ConfigureAwait(false);
            var next = new Dictionary<string, HeartbeatEntry>(_entries, StringComparer.Ordinal);
            next.Remove(id);
            Volatile.Write(ref _entries, next);
            _health.Clear(id);
            return null;
        }
        finally
        {
            _lock.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        async void OnReloaded(VigilConfig c)
        {
            try
            {
                await LoadAsync(c, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                HeartbeatLog.ReloadFailed(logger, e);
            }
        }

        config.Reloaded += OnReloaded;
        try
        {
            using var timer = new PeriodicTimer(Tick, clock);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await EvaluateAllAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    await Task.Delay(_health.PassFailed(e), clock, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            config.Reloaded -= OnReloaded;
        }
    }

    /// <summary>Evaluates every heartbeat now (the tick), each on its own: one that throws is marked and skipped.</summary>
    internal async Task EvaluateAllAsync(CancellationToken ct)
    {
        if (!Evaluates)
        {
            return;
        }
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = clock.GetUtcNow();
            if (leases.Shared)
            {
                // Pings other nodes took, and the alerts another evaluator raised before this node took over.
                var stored = await store.LoadPingsAsync(ct).ConfigureAwait(false);
                foreach (var entry in _entries.Values)
                {
                    if (stored.TryGetValue(entry.Heartbeat.Id, out var p))
                    {
                        entry.Pings = p;
                    }
                    if (entry.Raised is null)
                    {
                        Recover(entry, now);
                    }
                }
            }
            foreach (var entry in _entries.Values)
            {
                await SyncOrSkipAsync(entry, now, ct).ConfigureAwait(false);
            }
            _health.PassSucceeded(now);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task SyncOrSkipAsync(HeartbeatEntry entry, DateTimeOffset now, CancellationToken ct)
    {
        var id = entry.Heartbeat.Id;
        if (_health.ShouldSkip(id, now))
        {
            return;
        }
        try
        {
            await SyncAsync(entry, now, ct).ConfigureAwait(false);
            _health.ItemSucceeded(id, Describe(entry.Heartbeat));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _health.ItemFailed(id, Describe(entry.Heartbeat), e, now);
        }
    }

    private (Heartbeat Heartbeat, HeartbeatPings Pings, HeartbeatVerdict Verdict, string? Error) View(HeartbeatEntry e, DateTimeOffset now)
    {
        if (_health.ErrorOf(e.Heartbeat.Id) is { } error)
        {
            return (e.Heartbeat, e.Pings, HeartbeatVerdict.Up, error);
        }
        try
        {
            return (e.Heartbeat, e.Pings, HeartbeatRules.Evaluate(e.Heartbeat, e.Pings, now), null);
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException or InvalidOperationException)
        {
            return (e.Heartbeat, e.Pings, HeartbeatVerdict.Up, ex.Message);
        }
    }

    // The id is the ping secret: logs name the heartbeat only.
    private static string Describe(Heartbeat hb) => $"heartbeat \"{hb.Name}\"";

    private async Task LoadAsync(VigilConfig cfg, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = clock.GetUtcNow();
            var pings = await store.LoadPingsAsync(ct).ConfigureAwait(false);
            var next = new Dictionary<string, HeartbeatEntry>(StringComparer.Ordinal);
            var stored = await store.ListAsync(ct).ConfigureAwait(false);
            foreach (var (hb, damaged) in cfg.Heartbeats.Select(h => (h, (string?)null)).Concat(stored))
            {
                if (next.ContainsKey(hb.Id) || next.Values.Any(e => e.Heartbeat.Name == hb.Name))
                {
                    continue; // the configuration wins over an API heartbeat of the same id or name
                }
                var known = _entries.GetValueOrDefault(hb.Id);
                if (known is null || known.Heartbeat != hb)
                {
                    // A new or changed definition is checked again, so one fixed by a reload is evaluated at once.
                    _health.Clear(hb.Id);
                    if ((damaged ?? HeartbeatLimits.Check(hb)) is { } reason)
                    {
                        _health.ItemInvalid(hb.Id, Describe(hb), reason);
                    }
                }
                if (known is not null)
                {
                    known.Heartbeat = hb;
                    next[hb.Id] = known;
                    continue;
                }
                if (!pings.TryGetValue(hb.Id, out var p))
                {
                    p = new HeartbeatPings(hb.Source == HeartbeatSources.Api ? hb.CreatedAt : now);
                    await store.SavePingsAsync(hb.Id, p, ct).ConfigureAwait(false);
                }
                next[hb.Id] = Recover(new HeartbeatEntry(hb, p), now);
            }
            foreach (var (id, gone) in _entries)
            {
                if (!next.ContainsKey(id))
                {
                    await ResolveRaisedAsync(gone, now, ct).ConfigureAwait(false);
                }
            }
            Volatile.Write(ref _entries, next);
            _health.Retain(next.ContainsKey);
        }
        finally
        {
            _lock.Release();
        }
    }

    // After a restart the alert state (replayed from the log) says which alert a heartbeat had raised.
    private HeartbeatEntry Recover(HeartbeatEntry entry, DateTimeOffset now)
    {
        foreach (var name in new[] { HeartbeatVerdict.Missing, HeartbeatVerdict.Failed })
        {
            if (alerts.Get(HeartbeatAlerts.LabelsOf(entry.Heartbeat, name).Fingerprint) is { } a && a.IsFiringAt(now))
            {
                entry.Raised = name;
                entry.RaisedStartsAt = a.StartsAt;
                entry.LastRaisedAt = a.UpdatedAt;
            }
        }
        return entry;
    }

    private async Task SyncAsync(HeartbeatEntry entry, DateTimeOffset now, CancellationToken ct)
    {
        var verdict = HeartbeatRules.Evaluate(entry.Heartbeat, entry.Pings, now);
        if (entry.Raised is not null && entry.Raised != verdict.AlertName)
        {
            await ResolveRaisedAsync(entry, now, ct).ConfigureAwait(false);
        }
        if (verdict.AlertName is not { } name)
        {
            return;
        }
        var resolveTimeout = config.Current.Global.ResolveTimeout;
        if (entry.Raised == name && entry.LastRaisedAt is { } last && now - last < resolveTimeout / 3)
        {
            return;
        }
        var startsAt = entry.Raised == name ? entry.RaisedStartsAt : now;
        await ingestor.RaiseAsync([HeartbeatAlerts.Firing(entry.Heartbeat, name, verdict.Reason, startsAt, now, resolveTimeout)], ct).ConfigureAwait(false);
        if (entry.Raised != name)
        {
            HeartbeatLog.Raised(logger, entry.Heartbeat.Name, name, verdict.Reason);
        }
        (entry.Raised, entry.RaisedStartsAt, entry.LastRaisedAt) = (name, startsAt, now);
    }

    private async Task ResolveRaisedAsync(HeartbeatEntry entry, DateTimeOffset now, CancellationToken ct)
    {
        if (entry.Raised is not { } name)
        {
            return;
        }
        await ingestor.RaiseAsync([HeartbeatAlerts.Resolved(entry.Heartbeat, name, "pinged again", entry.RaisedStartsAt, now)], ct).ConfigureAwait(false);
        HeartbeatLog.Resolved(logger, entry.Heartbeat.Name, name);
        (entry.Raised, entry.LastRaisedAt) = (null, now);
    }
}
