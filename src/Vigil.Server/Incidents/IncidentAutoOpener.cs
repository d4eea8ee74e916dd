using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Labels;
using Vigil.Server.Security;

namespace Vigil.Server.Incidents;

/// <summary>
/// Applies <c>incidents.auto_open</c> (<see cref="AutoOpenRules"/>): woken by every alert change and at the moment the
/// next matching alert reaches its rule's <c>for</c>, it opens incidents and links later matching alerts to them.
/// The database's unique open key is what keeps one outage to one incident, even across nodes; in a cluster only the
/// holder of the lease <c>incidents/auto-open</c> decides (every node holds the same alerts).
/// </summary>
public sealed partial class IncidentAutoOpener(AlertState alerts, AutoOpenStore store, IncidentService incidents, IncidentLinker linker,
    ConfigHolder config, Cluster.LeaseBook leases, TimeProvider clock, ILogger<IncidentAutoOpener> logger) : BackgroundService
{
    public const string LeaseKind = "incidents";

    private readonly WakeSignal _wake = new(clock);
    private readonly ConcurrentDictionary<(string, long), byte> _linked = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        alerts.Changed += OnAlerts;
        config.Reloaded += OnReloaded;
        leases.Changed += _wake.Wake;
        leases.Want(LeaseKind, ["auto-open"], balanced: false);
        try
        {
            await PassLoop.RunAsync(new LoopHealth("incidents", logger), _wake, clock, PassAsync, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            alerts.Changed -= OnAlerts;
            config.Reloaded -= OnReloaded;
            leases.Changed -= _wake.Wake;
        }
    }

    private async Task<DateTimeOffset?> PassAsync(CancellationToken ct)
    {
        var rules = config.Current.Incidents.AutoOpen;
        var now = clock.GetUtcNow();
        if (rules.Count == 0 || !leases.Holds(LeaseKind, "auto-open"))
        {
            // Another node decides; should the lease come here, its change wakes this loop.
            return rules.Count == 0 ? null : now + TimeSpan.FromSeconds(1);
        }
        var candidates = alerts.All.Where(a => a.IsFiringAt(now) && !IsLinked(a) && rules.Any(r => r.Matches(a.Labels))).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }
        // Linked by a person, by another node or before a restart: the database knows; remembered here once seen.
        foreach (var (fp, started) in await store.LinkedAsync([.. candidates.Select(a => a.Fingerprint.ToString()).Distinct()], ct).ConfigureAwait(false))
        {
            _linked.TryAdd((fp, started.ToUnixTimeMilliseconds()), 0);
        }
        var open = await store.OpenKeysAsync(ct).ConfigureAwait(false);
        var decision = AutoOpenRules.Decide(rules, alerts.All, r => open.TryGetValue(r.OpenKey, out var id) ? id : null, IsLinked, now);
        var again = false;
        foreach (var action in decision.Actions)
        {
            try
            {
                again |= !await ApplyAsync(action, now, ct).ConfigureAwait(false);
            }
            catch (IncidentException e)
            {
                // An alert collected or an incident gone between the read and the write: the next pass decides again.
                LogActionRefused(logger, action.Rule.Name, e.Message);
            }
        }
        Forget();
        return again ? clock.GetUtcNow() : decision.NextDue;
    }

    /// <summary>Keeps the memory of linked alerts to those still held as linked (the database answers for the rest).</summary>
    private void Forget()
    {
        if (_linked.Count <= 1000)
        {
            return;
        }
        foreach (var key in _linked.Keys)
        {
            if (!Fingerprint.TryParse(key.Item1, out var fp) || alerts.Get(fp) is not { } held || held.StartsAt.ToUnixTimeMilliseconds() != key.Item2)
            {
                _linked.TryRemove(key, out _);
            }
        }
    }

    /// <summary>False when the rule's open key was taken meanwhile (another node, a race): link on the next pass instead.</summary>
    private async Task<bool> ApplyAsync(AutoOpenAction action, DateTimeOffset now, CancellationToken ct)
    {
        var rule = action.Rule;
        var actor = "auto_open:" + rule.Name;
        if (action.IncidentId is { } id)
        {
            var fingerprints = action.Alerts.Select(a => a.Fingerprint.ToString()).ToArray();
            await incidents.UpdateAsync(id, new IncidentBodies.Update(null, null, null, null, null, null, null, null, fingerprints, null, null, null),
                new Caller(actor, Scope.Write, ""), ct).ConfigureAwait(false);
            Remember(action.Alerts);
            LogLinked(logger, fingerprints.Length, id, rule.Name);
            return true;
        }
        var commander = rule.Commander ?? config.Current.Incidents.Commander;
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (commander is not null)
        {
            roles[IncidentRoles.Commander] = commander;
        }
        var first = action.Alerts[0];
        var summary = $"Opened by rule {rule.Name}: {first.Labels.ValueOrEmpty("alertname")} firing since {IncidentText.Quote(first.StartsAt)}" +
            (action.Alerts.Count > 1 ? $" with {action.Alerts.Count - 1} more matching alert(s)" : "") + ".";
        var incident = new Incident(0, AutoOpenRules.Title(rule, first.Labels), rule.Severity, IncidentStatus.Investigating, summary, "", "", roles,
            new Dictionary<TimeField, DateTimeOffset>(), now, actor, null, now, rule.OpenKey);
        var opened = await incidents.OpenAsync(incident, [.. action.Alerts.Select(a => linker.ForAlert(a, now))], actor, ct).ConfigureAwait(false);
        if (opened is null)
        {
            return false;
        }
        Remember(action.Alerts);
        LogOpened(logger, opened.Id, rule.Name, opened.Title);
        return true;
    }

    private bool IsLinked(Alert alert) => _linked.ContainsKey((alert.Fingerprint.ToString(), alert.StartsAt.ToUnixTimeMilliseconds()));

    private void Remember(IEnumerable<Alert> linked)
    {
        foreach (var a in linked)
        {
            _linked.TryAdd((a.Fingerprint.ToString(), a.StartsAt.ToUnixTimeMilliseconds()), 0);
        }
    }

    private void OnAlerts(IReadOnlyList<Alert> changed)
    {
        if (config.Current.Incidents.AutoOpen.Count > 0)
        {
            _wake.Wake();
        }
    }

    private void OnReloaded(VigilConfig _) => _wake.Wake();

    [LoggerMessage(Level = LogLevel.Information, Message = "Auto-open rule {Rule} could not act: {Reason}")]
    private static partial void LogActionRefused(ILogger logger, string rule, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Id} opened by rule {Rule}: {Title}")]
    private static partial void LogOpened(ILogger logger, long id, string rule, string title);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} alert(s) linked to incident {Id} by rule {Rule}")]
    private static partial void LogLinked(ILogger logger, int count, long id, string rule);
}
