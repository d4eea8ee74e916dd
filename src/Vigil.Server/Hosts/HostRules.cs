using Vigil.Contracts.Agents;
using Vigil.Server.Alerts;

namespace Vigil.Server.Hosts;

/// <summary>
/// The pure rules of hosts, as functions of (what was known, the report, now): check alerts on change,
/// reboots by boot id, post-boot verification. No clock, no I/O.
/// </summary>
public static class HostRules
{
    public static ReportOutcome Apply(HostRecord? previous, AgentReport report, DateTimeOffset now)
    {
        var alerts = new List<Alert>();
        var before = (previous?.Checks ?? []).ToDictionary(CheckKey.Of, StringComparer.Ordinal);
        var current = report.Checks.ToDictionary(CheckKey.Of, StringComparer.Ordinal);

        // HostCheckFailed follows each check: raised when it starts failing, resolved when it passes or is no longer reported.
        foreach (var (key, check) in current)
        {
            var wasFailing = before.TryGetValue(key, out var old) && !old.Passed;
            if (!check.Passed && !wasFailing)
            {
                alerts.Add(HostAlerts.ForCheck(HostAlerts.CheckFailed, report.Host, check, now, firing: true));
            }
            else if (check.Passed && wasFailing)
            {
                alerts.Add(HostAlerts.ForCheck(HostAlerts.CheckFailed, report.Host, check, now, firing: false));
            }
        }
        foreach (var (key, old) in before)
        {
            if (!old.Passed && !current.ContainsKey(key))
            {
                alerts.Add(HostAlerts.ForCheck(HostAlerts.CheckFailed, report.Host, old, now, firing: false));
            }
        }

        // A new boot id opens a reboot, and its first report is verified at once.
        var rebooted = previous is not null && previous.BootId != report.BootId;
        var pending = rebooted
            ? new HostReboot(0, report.Host, previous!.BootId, report.BootId, previous.LastReportAt, now, null)
            : previous?.PendingReboot;
        var postBoot = new HashSet<string>(previous?.PostBootFailing ?? new HashSet<string>(), StringComparer.Ordinal);
        var allPass = report.Checks.All(c => c.Passed);
        if (pending is not null && pending.VerifiedAt is null)
        {
            foreach (var (key, check) in current)
            {
                if (!check.Passed && (rebooted || !postBoot.Contains(key)))
                {
                    alerts.Add(HostAlerts.ForCheck(HostAlerts.PostBootCheckFailed, report.Host, check, now, firing: true));
                    postBoot.Add(key);
                }
            }
            if (allPass)
            {
                pending = pending with { VerifiedAt = now };
            }
        }
        foreach (var key in postBoot.ToList())
        {
            var gone = !current.TryGetValue(key, out var check);
            if (gone || check!.Passed)
            {
                var last = gone ? before.GetValueOrDefault(key) : check;
                if (last is not null)
                {
                    alerts.Add(HostAlerts.ForCheck(HostAlerts.PostBootCheckFailed, report.Host, last, now, firing: false));
                }
                postBoot.Remove(key);
            }
        }

        // A report ends any silence.
        var silentFor = previous is null ? TimeSpan.Zero : now - previous.LastReportAt;
        if (previous?.DownRaised == true)
        {
            alerts.Add(HostAlerts.HostDown(report.Host, silentFor, now, firing: false));
        }
        if (previous?.NonRoutineRaised == true)
        {
            alerts.Add(HostAlerts.NonRoutine(report.Host, silentFor, TimeSpan.Zero, now, firing: false));
        }

        var next = new HostRecord(report.Host, report.BootId, previous?.FirstSeenAt ?? now, now, TimeSpan.FromSeconds(report.IntervalSeconds),
            report.UptimeSeconds, report.Checks, postBoot, DownRaised: false, NonRoutineRaised: false, report.AgentVersion)
        {
            PendingReboot = pending is { VerifiedAt: null } ? pending : null,
        };
        var changedReboot = rebooted || (pending is not null && pending.VerifiedAt is not null && previous?.PendingReboot is not null) ? pending : null;
        return new ReportOutcome(next, alerts, changedReboot, rebooted);
    }
}
