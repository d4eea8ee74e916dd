using Vigil.Server.Alerts;

namespace Vigil.Server.Hosts;

/// <summary>
/// The rules of a silent host at <c>now</c>: down after <c>down_after</c> intervals; non-routine past its reboot allowance.
/// Silence counts from the last report, or from <c>heardSince</c> (when the server began listening) if that is later:
/// while the server itself was down it heard nobody, and that says nothing about the hosts.
/// </summary>
public static class HostSilenceRules
{
    public static SilenceOutcome Evaluate(HostRecord host, IReadOnlyList<TimeSpan> recentReboots, HostsOptions options, DateTimeOffset now,
        DateTimeOffset? heardSince = null)
    {
        var silentFor = now - SilentSince(host, heardSince);
        var downAfter = RebootRules.DownAfter(host.Interval, options);
        var allowance = RebootRules.Allowance(recentReboots, options, downAfter);
        var alerts = new List<Alert>();
        var next = host;
        if (!host.DownRaised && silentFor > downAfter)
        {
            alerts.Add(HostAlerts.HostDown(host.Host, silentFor, now, firing: true));
            next = next with { DownRaised = true };
        }
        if (!host.NonRoutineRaised && silentFor > allowance)
        {
            alerts.Add(HostAlerts.NonRoutine(host.Host, silentFor, allowance, now, firing: true));
            next = next with { NonRoutineRaised = true };
        }
        return new SilenceOutcome(next, alerts);
    }

    /// <summary>When the next silence alert of this host falls due (null when both are raised).</summary>
    public static DateTimeOffset? NextDue(HostRecord host, IReadOnlyList<TimeSpan> recentReboots, HostsOptions options, DateTimeOffset? heardSince = null)
    {
        var downAfter = RebootRules.DownAfter(host.Interval, options);
        var since = SilentSince(host, heardSince);
        if (!host.DownRaised)
        {
            return since + downAfter;
        }
        return host.NonRoutineRaised ? null : since + RebootRules.Allowance(recentReboots, options, downAfter);
    }

    /// <summary>Where the host's silence starts: its last report, or when the server began listening if that is later.</summary>
    public static DateTimeOffset SilentSince(HostRecord host, DateTimeOffset? heardSince) =>
        heardSince is { } h && h > host.LastReportAt ? h : host.LastReportAt;
}
