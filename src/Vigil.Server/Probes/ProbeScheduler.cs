using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Alerts;
using Vigil.Server.Cluster;
using Vigil.Server.Config;

namespace Vigil.Server.Probes;

/// <summary>
/// Keeps one <see cref="ProbeRunner"/> per configured probe. On a reload, probes whose definition changed are
/// restarted keeping their state, removed ones are stopped (their alert resolved), new ones start. At start a
/// probe whose <c>ProbeFailed</c> alert still fires (restored from the log) starts down, so it resolves when it recovers.
/// </summary>
internal sealed class ProbeScheduler : BackgroundService
{
    /// <summary>Probe runs in flight at once, across all probes.</summary>
    public const int MaxConcurrency = 256;

    private readonly ConfigHolder _config;
    private readonly ProbeRunContext _ctx;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private Dictionary<string, ProbeRunner> _runners = new(StringComparer.Ordinal);
    private Dictionary<string, ProbeStatus> _unstarted = new(StringComparer.Ordinal);

    /// <summary>The lease kind of probes: each probe runs on one live node, and they are shared out evenly.</summary>
    public const string LeaseKind = "probe";

    private readonly LeaseBook _leases;

    public ProbeScheduler(ConfigHolder config, AlertState alerts, AlertIngestor ingestor, ProbeMetrics metrics, LeaseBook leases,
        TimeProvider clock, ILogger<ProbeScheduler> logger)
    {
        _config = config;
        _leases = leases;
        _ctx = new ProbeRunContext(clock, new SemaphoreSlim(MaxConcurrency, MaxConcurrency), metrics, ingestor.RaiseAsync,
            () => config.Current.Global.ResolveTimeout, logger, name => leases.Holds(LeaseKind, name),
            def => ProbeRules.FromAlert(def, alerts.Get(ProbeAlerts.LabelsOf(def).Fingerprint), clock.GetUtcNow()));
    }

    /// <summary>Every probe's status, by name (one that could not be started is listed with its error).</summary>
    public IReadOnlyList<ProbeStatus> All =>
        [.. Volatile.Read(ref _runners).Values.Select(r => r.Status).Concat(Volatile.Read(ref _unstarted).Values).OrderBy(s => s.Definition.Name, StringComparer.Ordinal)];

    public ProbeStatus? Get(string name) =>
        Volatile.Read(ref _runners).TryGetValue(name, out var r) ? r.Status : Volatile.Read(ref _unstarted).GetValueOrDefault(name);

    /// <summary>The runner of a probe (tests drive it directly).</summary>
    internal ProbeRunner? Runner(string name) => Volatile.Read(ref _runners).GetValueOrDefault(name);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _config.Reloaded += OnReloaded;
        try
        {
            await ApplyAsync(_config.Current).ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _config.Reloaded -= OnReloaded;
            await _reloadLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            var runners = _runners;
            _runners = new Dictionary<string, ProbeRunner>(StringComparer.Ordinal);
            await Task.WhenAll(runners.Values.Select(r => r.DisposeAsync().AsTask())).ConfigureAwait(false);
            _reloadLock.Release();
        }
    }

    private async void OnReloaded(VigilConfig config)
    {
        try
        {
            await ApplyAsync(config).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            ProbeLog.ReloadFailed(_ctx.Logger, e);
        }
    }

    private async Task ApplyAsync(VigilConfig config)
    {
        await _reloadLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var old = _runners;
            var next = new Dictionary<string, ProbeRunner>(StringComparer.Ordinal);
            var unstarted = new Dictionary<string, ProbeStatus>(StringComparer.Ordinal);
            var stopping = new List<Task>();
            foreach (var def in config.Probes)
            {
                if (old.TryGetValue(def.Name, out var existing) && SameProbe(existing.Definition, def))
                {
                    next[def.Name] = existing;
                    continue;
                }
                var initial = existing is null ? _ctx.FromAlerts(def) : existing.Status with { Definition = def };
                if (existing is not null)
                {
                    await existing.DisposeAsync().ConfigureAwait(false);
                }
                _ctx.Health.Clear(def.Name);
                try
                {
                    var runner = new ProbeRunner(initial, ProberFactory.Create(def, _ctx.Clock), _ctx);
                    next[def.Name] = runner;
                    runner.Start();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One probe that cannot be set up is listed with its error; the others start.
                    _ctx.Health.ItemInvalid(def.Name, $"probe \"{def.Name}\"", e.Message);
                    unstarted[def.Name] = initial with { Error = e.Message };
                }
            }
            foreach (var (name, runner) in old)
            {
                if (!next.ContainsKey(name))
                {
                    stopping.Add(StopRemovedAsync(runner));
                }
            }
            Volatile.Write(ref _runners, next);
            Volatile.Write(ref _unstarted, unstarted);
            _leases.Want(LeaseKind, [.. next.Keys.Order(StringComparer.Ordinal)], balanced: true);
            _ctx.Health.Retain(name => next.ContainsKey(name) || unstarted.ContainsKey(name));
            await Task.WhenAll(stopping).ConfigureAwait(false);
            ProbeLog.Scheduled(_ctx.Logger, next.Count);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    private async Task StopRemovedAsync(ProbeRunner runner)
    {
        await runner.StopAsync(resolve: true).ConfigureAwait(false);
        _ctx.Metrics.Forget(runner.Definition.Name);
        await runner.DisposeAsync().ConfigureAwait(false);
    }

    // Regexes compare by reference; their pattern is what matters.
    private static bool SameProbe(ProbeDefinition a, ProbeDefinition b) =>
        a with { Http = null } == b with { Http = null }
        && (a.Http is null) == (b.Http is null)
        && (a.Http is null || (a.Http with { BodyRegex = null, Headers = [], ExpectedStatus = [] } == b.Http! with { BodyRegex = null, Headers = [], ExpectedStatus = [] }
            && a.Http.BodyRegex?.ToString() == b.Http.BodyRegex?.ToString()
            && a.Http.Headers.SequenceEqual(b.Http.Headers)
            && a.Http.ExpectedStatus.SequenceEqual(b.Http.ExpectedStatus)));
}
