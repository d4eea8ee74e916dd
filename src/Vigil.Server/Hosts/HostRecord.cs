using Vigil.Contracts.Agents;

namespace Vigil.Server.Hosts;

/// <summary>
/// What the server knows of a host: its last report (boot, checks, when), which post-boot checks are failing
/// while its latest reboot is unverified, and which silence alerts are raised.
/// </summary>
public sealed record HostRecord(
    string Host,
    string BootId,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastReportAt,
    TimeSpan Interval,
    double UptimeSeconds,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlySet<string> PostBootFailing,
    bool DownRaised,
    bool NonRoutineRaised,
    string? AgentVersion)
{
    /// <summary>The reboot this boot began with, while its post-boot checks have not all passed yet.</summary>
    public HostReboot? PendingReboot { get; init; }

    /// <summary>
    /// Why the stored row cannot be read whole (damaged, or from an older version); null otherwise. Such a host is
    /// listed with this error and not checked for silence; its next report starts it afresh.
    /// </summary>
    public string? Error { get; init; }
}
