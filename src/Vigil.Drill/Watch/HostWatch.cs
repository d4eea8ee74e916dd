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
    private readonly Dictionary<string, long> _version = new(StringComparer.Ordinal);

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

    private void ScheduleSilenceCheck(HostRecord host)
    {
        var version = _version[host.Host] = _version.GetValueOrDefault(host.Host) + 1;
        if (HostSilenceRules.NextDue(host, Recent(host.Host), options) is not { } due)
        {
            return;
        }
        // A millisecond past the deadline, as the monitor wakes: silence "longer than" the limit is what raises.
        queue.At(due + TimeSpan.FromMilliseconds(1), $"silence check {host.Host}", () =>
        {
            if (_version[host.Host] != version)
            {
                return; // a report came in since: it scheduled its own check.
            }
            var outcome = HostSilenceRules.Evaluate(_hosts[host.Host], Recent(host.Host), options, clock.GetUtcNow());
            _hosts[host.Host] = outcome.Host;
            if (outcome.Alerts.Count > 0)
            {
                Raised?.Invoke(outcome.Alerts);
            }
            ScheduleSilenceCheck(outcome.Host);
        });
    }
}
