using Vigil.Contracts.Agents;
using Vigil.Drill.Simulation;
using Vigil.Server.Alerts;
using Vigil.Server.Hosts;

namespace Vigil.Drill.Watch;

/// <summary>
/// The server's host monitoring, composed as <see cref="HostService"/> and <see cref="HostMonitor"/> compose it, on the
/// drill's clock: each report goes through <see cref="HostRules"/> (check alerts, reboots, post-boot verification), and
/// silence through <see cref="HostSilenceRules"/> at the moment it falls due (HostDown, RebootNonRoutine).
/// </summary>
internal sealed class HostWatch(HostsOptions options, EventQueue queue, VirtualClock clock)
{
    private readonly Dictionary<string, HostRecord> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<TimeSpan>> _durations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);

    /// <summary>Alerts raised or resolved, as the server's ingestor would receive them.</summary>
    public event Action<IReadOnlyList<Alert>>? Raised;

    /// <summary>A host's first report of a new boot, and whether every check passed in it.</summary>
    public event Action<string, HostReboot>? Rebooted;

    public HostRecord? Get(string host) => _hosts.GetValueOrDefault(host);

    public HostsOptions Options => options;

    public void Report(AgentReport report)
    {
        var now = clock.GetUtcNow();
        var outcome = HostRules.Apply(Get(report.Host), report, now);
        _hosts[report.Host] = outcome.Host;
        if (outcome.RebootIsNew)
        {
            _durations[report.Host] = [outcome.Reboot!.Duration, .. Recent(report.Host).Take(options.RebootHistory - 1)];
            Rebooted?.Invoke(report.Host, outcome.Reboot);
        }
        if (outcome.Alerts.Count > 0)
        {
            Raised?.Invoke(outcome.Alerts);
        }
        ScheduleSilenceCheck(outcome.Host);
    }

    private IReadOnlyList<TimeSpan> Recent(string host) => _durations.GetValueOrDefault(host) ?? [];

    /// <summary>
    /// Keeps one silence check pending per host, at the earliest moment silence can raise something. A report pushes the
    /// moment later; the check then finds it is early and waits again, so a report costs no new event (a month of a large
    /// fleet's reports would otherwise double the drill's events).
    /// </summary>
    private void ScheduleSilenceCheck(HostRecord host)
    {
        if (_pending.Contains(host.Host) || HostSilenceRules.NextDue(host, Recent(host.Host), options) is not { } due)
        {
            return;
        }
        _pending.Add(host.Host);
        // A millisecond past the deadline, as the monitor wakes: silence "longer than" the limit is what raises.
        queue.At(due + TimeSpan.FromMilliseconds(1), $"silence check {host.Host}", () => SilenceCheck(host.Host));
    }

    private void SilenceCheck(string name)
    {
        _pending.Remove(name);
        var now = clock.GetUtcNow();
        var current = _hosts[name];
        if (HostSilenceRules.NextDue(current, Recent(name), options) is { } due && due + TimeSpan.FromMilliseconds(1) > now)
        {
            ScheduleSilenceCheck(current); // a report came in since: not yet.
            return;
        }
        var outcome = HostSilenceRules.Evaluate(current, Recent(name), options, now);
        _hosts[name] = outcome.Host;
        if (outcome.Alerts.Count > 0)
        {
            Raised?.Invoke(outcome.Alerts);
        }
        ScheduleSilenceCheck(outcome.Host);
    }
}
