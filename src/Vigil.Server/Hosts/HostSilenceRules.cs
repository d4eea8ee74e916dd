using Vigil.Server.Alerts;

namespace Vigil.Server.Hosts;

/// <summary>The rules of a silent host at <c>now</c>: down after <c>down_after</c> intervals; non-routine past its reboot allowance.</summary>
public static class HostSilenceRules
{
    public static SilenceOutcome Evaluate(HostRecord host, IReadOnlyList<TimeSpan> recentReboots, HostsOptions options, DateTimeOffset now)
    {
        var silentFor = now - host.LastReportAt;
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
    public static DateTimeOffset? NextDue(HostRecord host, IReadOnlyList<TimeSpan> recentReboots, HostsOptions options)
    {
        var downAfter = RebootRules.DownAfter(host.Interval, options);
        if (!host.DownRaised)
        {
            return host.LastReportAt + downAfter;
        }
        return host.NonRoutineRaised ? null : host.LastReportAt + RebootRules.Allowance(recentReboots, options, downAfter);
    }
}
