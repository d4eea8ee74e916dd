using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Vigil.Contracts.Agents;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Hosting;

namespace Vigil.Server.Hosts;

/// <summary>
/// The hosts in memory and the one place their state changes: a report (from the endpoint) or the passing of
/// time (from <see cref="HostMonitor"/>), one at a time for each host. Different hosts do not wait for each other: the
/// 50 hosts of a plan's batch coming back from their reboot together are stored in one grouped write, not 50 in a row.
/// Alerts are raised durably before the host row is saved, so the page goes out first; a crash in between only makes
/// the next report raise them again (same labels).
/// A host that cannot be checked (a damaged row, or a check that throws) is skipped with its error shown; the others are checked.
/// </summary>
public sealed class HostService(HostStore store, AlertIngestor ingestor, ConfigHolder config, Cluster.ClusterView cluster, TimeProvider clock,
    ILogger<HostService> logger)
{
    private readonly ConcurrentDictionary<string, HostRecord> _hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<TimeSpan>> _durations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HostSlot> _slots = new(StringComparer.Ordinal);

    /// <summary>Raised after a report changed a host.</summary>
    public event Action? Reported;

    /// <summary>
    /// Raised after a report with when the reporting host's silence next falls due (null: nothing is due for it). A
    /// report only moves its own host's deadline: the monitor needs to look again only when that deadline comes before
    /// its next pass (at 500 hosts reporting every 10 s, a pass over every host at every report was 4 % of the
    /// server's CPU in the 500-host plan benchmark, and it held the reports' gate meanwhile).
    /// </summary>
    public event Action<DateTimeOffset?>? SilenceDue;

    /// <summary>
    /// Completes after the next applied report of <paramref name="host"/> (a plan's wait for a host's new boot wakes on it
    /// instead of polling). Only that host's: woken by every host's report, each of a batch's 50 waits woke ~50 times a
    /// second at 500 hosts, each time for nothing (docs/benchmarks.md, "Session 58").
    /// </summary>
    public Task NextReportOf(string host) => SlotOf(host).Reports.Next;

    public IEnumerable<HostRecord> All => _hosts.Values.OrderBy(h => h.Host, StringComparer.Ordinal);

    public HostRecord? Get(string host) => _hosts.TryGetValue(host, out var h) ? h : null;

    /// <summary>The host's most recent reboot durations, newest first (what its allowance is learned from).</summary>
    public IReadOnlyList<TimeSpan> RecentReboots(string host) => _durations.TryGetValue(host, out var d) ? d : [];

    public HostsOptions Options => config.Current.Hosts;

    /// <summary>The silence check's loop health: hosts it skips, and why.</summary>
    public LoopHealth Health { get; } = new("hosts", logger);

    /// <summary>Why the host is not checked, or null.</summary>
    public string? ErrorOf(HostRecord host) => host.Error ?? Health.ErrorOf(host.Host);

    public TimeSpan AllowanceOf(HostRecord host) =>
        RebootRules.Allowance(RecentReboots(host.Host), Options, RebootRules.DownAfter(host.Interval, Options));

    /// <summary>
    /// When this server began listening for reports: silence before it is not the hosts'. Set at load and again once the
    /// server accepts connections (<see cref="Listening"/>): a start-up slowed by a loaded machine is not the hosts' silence either.
    /// </summary>
    public DateTimeOffset? ListeningSince { get; private set; }

    /// <summary>The server now accepts reports.</summary>
    public void Listening() => ListeningSince = clock.GetUtcNow();

    /// <summary>Loads every host and its recent reboots at start.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        ListeningSince = clock.GetUtcNow();
        await ReadAllAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Reads every host again (a cluster's nodes take reports for the same hosts; this runs every
    /// <c>server.cluster.reread_interval</c>).</summary>
    public Task ReloadAsync(CancellationToken ct) => ReadAllAsync(ct);

    /// <summary>
    /// Takes every stored host and its recent reboots, each under its host's gate, unless this node already holds a later
    /// report of it (one applied here while the rows were being read) and the stored row could be read.
    /// </summary>
    private async Task ReadAllAsync(CancellationToken ct)
    {
        var rows = await store.LoadAllAsync(ct).ConfigureAwait(false);
        var durations = await store.RecentDurationsAsync(Options.RebootHistory, ct).ConfigureAwait(false);
        foreach (var h in rows)
        {
            var gate = GateOf(h.Host);
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                // A damaged row is still shown as such (its times are not read).
                if (h.Error is null && Get(h.Host) is { } known && known.LastReportAt > h.LastReportAt)
                {
                    continue;
                }
                _hosts[h.Host] = h;
                _durations[h.Host] = durations.GetValueOrDefault(h.Host) ?? [];
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>The gate one host's changes pass one at a time (a report, a silence check of it, a reload of its row).</summary>
    private SemaphoreSlim GateOf(string host) => SlotOf(host).Gate;

    private HostSlot SlotOf(string host) => _slots.GetOrAdd(host, static _ => new HostSlot());

    /// <summary>In a cluster, reads these hosts' rows again (their agents may report to other nodes); nothing on one node.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<string> hostNames, CancellationToken ct)
    {
        if (!cluster.Enabled || hostNames.Count == 0)
        {
            return;
        }
        var wanted = hostNames.ToHashSet(StringComparer.Ordinal);
        var rows = hostNames.Count == 1
            ? (await store.LoadOneAsync(hostNames.First(), ct).ConfigureAwait(false) is { } one ? [one] : [])
            : await store.LoadAllAsync(ct).ConfigureAwait(false);
        foreach (var h in rows)
        {
            if (wanted.Contains(h.Host) && (Get(h.Host) is not { } known || known.LastReportAt <= h.LastReportAt))
            {
                _hosts[h.Host] = h;
            }
        }
    }

    /// <summary>The host as stored now and its recent reboots, when another node may have taken its latest report.</summary>
    private async Task<HostRecord?> FreshAsync(string host, CancellationToken ct)
    {
        if (!cluster.Enabled)
        {
            return Get(host);
        }
        var stored = await store.LoadOneAsync(host, ct).ConfigureAwait(false);
        if (stored is null)
        {
            return Get(host);
        }
        _hosts[host] = stored;
        _durations[host] = [.. (await store.RebootsAsync(host, Options.RebootHistory, ct).ConfigureAwait(false)).Select(r => r.Duration)];
        return stored;
    }

    /// <summary>
    /// Since when silence counts: this node's start, or in a cluster the earliest start among the live nodes (any of them
    /// was taking reports).
    /// </summary>
    private DateTimeOffset? SilenceCountsSince() =>
        cluster.Enabled && cluster.Members.Live.Count > 0 && ListeningSince is { } mine
            ? new[] { mine }.Concat(cluster.Members.Live.Select(n => n.StartedAt)).Min()
            : ListeningSince;

    /// <summary>Applies a validated report: alerts first (durable, dispatched), then the host and any reboot.</summary>
    public async Task<ReportOutcome> ReportAsync(AgentReport report, CancellationToken ct)
    {
        var gate = GateOf(report.Host);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = clock.GetUtcNow();
            // A host whose stored row could not be read starts afresh, as on its first report.
            var outcome = HostRules.Apply(await FreshAsync(report.Host, ct).ConfigureAwait(false) is { Error: null } known ? known : null, report, now);
            await ingestor.RaiseAsync(outcome.Alerts, ct).ConfigureAwait(false);
            var saved = await store.SaveAsync(outcome.Host, outcome.Reboot, ct).ConfigureAwait(false);
            _hosts[saved.Host] = saved;
            if (outcome.RebootIsNew)
            {
                var history = Options.RebootHistory;
                _durations[saved.Host] = [outcome.Reboot!.Duration, .. RecentReboots(saved.Host).Take(history - 1)];
            }
            Health.Clear(saved.Host);
            Reported?.Invoke();
            SilenceDue?.Invoke(HostSilenceRules.NextDue(saved, RecentReboots(saved.Host), Options, SilenceCountsSince()));
            SlotOf(saved.Host).Reports.Pulse();
            return outcome with { Host = saved };
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Raises what silence has made due at <paramref name="now"/>; returns when the next silence alert falls due.</summary>
    public async Task<DateTimeOffset?> CheckSilenceAsync(DateTimeOffset now, CancellationToken ct)
    {
        DateTimeOffset? next = null;
        foreach (var name in _hosts.Keys.Order(StringComparer.Ordinal).ToList())
        {
            // Each host under its own gate, as it is now: a report may have come while the others were checked.
            var gate = GateOf(name);
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var host = _hosts[name];
                if (host.Error is { } invalid)
                {
                    Health.ItemInvalid(host.Host, $"host {host.Host}", invalid);
                    continue;
                }
                if (Health.ShouldSkip(host.Host, now))
                {
                    continue;
                }
                try
                {
                    if (await CheckOneAsync(host, now, ct).ConfigureAwait(false) is { } due && (next is null || due < next))
                    {
                        next = due;
                    }
                    Health.ItemSucceeded(host.Host, $"host {host.Host}");
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    var retry = now + Health.ItemFailed(host.Host, $"host {host.Host}", e, now);
                    next = next is null || retry < next ? retry : next;
                }
            }
            finally
            {
                gate.Release();
            }
        }
        Health.PassSucceeded(now);
        return next;
    }

    private async Task<DateTimeOffset?> CheckOneAsync(HostRecord host, DateTimeOffset now, CancellationToken ct)
    {
        var since = SilenceCountsSince();
        var outcome = HostSilenceRules.Evaluate(host, RecentReboots(host.Host), Options, now, since);
        if (outcome.Alerts.Count > 0 && cluster.Enabled && await FreshAsync(host.Host, ct).ConfigureAwait(false) is { Error: null } fresh)
        {
            // The host may have reported to another node meanwhile.
            host = fresh;
            outcome = HostSilenceRules.Evaluate(host, RecentReboots(host.Host), Options, now, since);
        }
        if (outcome.Alerts.Count > 0)
        {
            await ingestor.RaiseAsync(outcome.Alerts, ct).ConfigureAwait(false);
            await store.SaveFlagsAsync(outcome.Host, ct).ConfigureAwait(false);
            _hosts[host.Host] = outcome.Host;
        }
        return HostSilenceRules.NextDue(outcome.Host, RecentReboots(host.Host), Options, since);
    }
}

/// <summary>One host's gate and the wake-up of those waiting for its next report (one per host name, kept: hosts are never removed).</summary>
internal sealed class HostSlot
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public Hosting.Broadcast Reports { get; } = new();
}
