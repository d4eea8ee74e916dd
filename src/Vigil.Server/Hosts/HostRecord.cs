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
}
