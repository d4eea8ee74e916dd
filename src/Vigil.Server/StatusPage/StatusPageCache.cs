using Microsoft.Extensions.Logging;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Incidents;
using Vigil.Server.Maintenance;

namespace Vigil.Server.StatusPage;

/// <summary>
/// The status page served from memory: every document is rendered once per rebuild and served as bytes. A rebuild
/// happens on the first request after a change — an alert applied, an incident changed, a public update, a window
/// changed, the configuration reloaded — and at least every <see cref="MaxAge"/> (windows open and close with time).
/// While alerts pour in, rebuilds for alert changes alone are at most one per <see cref="AlertCoalesce"/>, so an outage's
/// alert storm never turns every request into a rebuild. A stale snapshot is still served while one rebuild runs in
/// the background, so no request waits for a rebuild (only the very first one, when there is nothing yet). Public
/// incidents and updates are read from the database when they changed, and at least every <see cref="MaxAge"/>.
/// </summary>
public sealed partial class StatusPageCache
{
    /// <summary>The longest a snapshot is served without a rebuild.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    /// <summary>The shortest gap between two rebuilds caused by alert changes only.</summary>
    public static readonly TimeSpan AlertCoalesce = TimeSpan.FromSeconds(1);

    private const int HistoryLimit = 50;

    private readonly AlertState _alerts;
    private readonly WindowSet _windows;
    private readonly ConfigHolder _config;
    private readonly IncidentStore _incidents;
    private readonly PublicUpdateStore _updates;
    private readonly ExternalUrl _externalUrl;
    private readonly TimeProvider _clock;
    private readonly ILogger<StatusPageCache> _logger;
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private readonly Dictionary<string, (ComponentStatus Status, DateTimeOffset Since, DateTimeOffset First)> _since = new(StringComparer.Ordinal);
    private StatusSnapshot? _snapshot;
    private int _alertsDirty = 1;
    private int _dataDirty = 1;
    private long _windowsVersion = -1;
    private VigilConfig? _builtFrom;
    private DateTimeOffset _dataLoadedAt = DateTimeOffset.MinValue;
    private (IReadOnlyList<(Incident, IReadOnlyList<PublicUpdate>)> Incidents, IReadOnlyList<PublicUpdate> History) _data = ([], []);

    public StatusPageCache(AlertState alerts, WindowSet windows, ConfigHolder config, IncidentStore incidents, PublicUpdateStore updates,
        IncidentService incidentService, PublicUpdateService publicUpdates, ExternalUrl externalUrl, TimeProvider clock, ILogger<StatusPageCache> logger)
    {
        (_alerts, _windows, _config, _incidents, _updates, _externalUrl, _clock, _logger) = (alerts, windows, config, incidents, updates, externalUrl, clock, logger);
        alerts.Changed += _ => Volatile.Write(ref _alertsDirty, 1);
        incidentService.Changed += _ => Volatile.Write(ref _dataDirty, 1);
        publicUpdates.Changed += _ => Volatile.Write(ref _dataDirty, 1);
    }

    public async ValueTask<StatusSnapshot> GetAsync(CancellationToken ct)
    {
        var current = Volatile.Read(ref _snapshot);
        if (current is not null)
        {
            // Stale: one background rebuild at a time, and this request is answered with what is there now, so a
            // request never waits for a rebuild (its cost grows with the alerts in memory).
            if (!Fresh(current) && _rebuild.Wait(0, CancellationToken.None))
            {
                _ = Task.Run(RebuildInBackgroundAsync, CancellationToken.None);
            }
            return current;
        }
        await _rebuild.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return Volatile.Read(ref _snapshot) ?? await RebuildAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private async Task RebuildInBackgroundAsync()
    {
        try
        {
            await RebuildAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The previous snapshot stays served; the next request tries again.
            LogRebuildFailed(e);
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private bool Fresh(StatusSnapshot s)
    {
        var now = _clock.GetUtcNow();
        var age = now - s.BuiltAt;
        return age >= TimeSpan.Zero && age < MaxAge && Volatile.Read(ref _dataDirty) == 0 && ReferenceEquals(_builtFrom, _config.Current)
            && _windows.Version == Interlocked.Read(ref _windowsVersion) && (Volatile.Read(ref _alertsDirty) == 0 || age < AlertCoalesce);
    }

    private async Task<StatusSnapshot> RebuildAsync(CancellationToken ct)
    {
        var config = _config.Current;
        Volatile.Write(ref _alertsDirty, 0);
        Interlocked.Exchange(ref _windowsVersion, _windows.Version);
        // Also reloaded when old, so public updates written on another node appear within MaxAge.
        if (Interlocked.Exchange(ref _dataDirty, 0) == 1 || _clock.GetUtcNow() - _dataLoadedAt >= MaxAge)
        {
            try
            {
                _dataLoadedAt = _clock.GetUtcNow();
                _data = await LoadAsync(ct).ConfigureAwait(false);
            }
            catch
            {
                Volatile.Write(ref _dataDirty, 1);
                throw;
            }
        }
        var pageUrl = config.StatusPage.Url ?? _externalUrl.Value.TrimEnd('/') + "/status";
        var inputs = new StatusInputs(config.StatusPage, pageUrl, config.Probes, _alerts.All, _windows.All, _data.Incidents, _clock.GetUtcNow());
        var snapshot = StatusSnapshotBuilder.Build(inputs, _since, _data.History);
        _builtFrom = config;
        Volatile.Write(ref _snapshot, snapshot);
        return snapshot;
    }

    /// <summary>The public incidents: every unresolved one with an update, and every one in the recent history.</summary>
    private async Task<(IReadOnlyList<(Incident, IReadOnlyList<PublicUpdate>)>, IReadOnlyList<PublicUpdate>)> LoadAsync(CancellationToken ct)
    {
        var history = await _updates.RecentAsync(HistoryLimit, ct).ConfigureAwait(false);
        var ids = history.Select(u => u.IncidentId).ToHashSet();
        foreach (var open in await _incidents.ListAsync(new IncidentFilter(null, null, true, null, null, 1000), ct).ConfigureAwait(false))
        {
            ids.Add(open.Id);
        }
        var list = new List<(Incident, IReadOnlyList<PublicUpdate>)>();
        foreach (var id in ids.Order())
        {
            var updates = await _updates.OfIncidentAsync(id, ct).ConfigureAwait(false);
            if (updates.Count > 0 && await _incidents.GetAsync(id, ct).ConfigureAwait(false) is { } incident)
            {
                list.Add((incident, updates));
            }
        }
        return (list, history);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebuilding the status page failed; serving the previous one")]
    private partial void LogRebuildFailed(Exception e);
}
