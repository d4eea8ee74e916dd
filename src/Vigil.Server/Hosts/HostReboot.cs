namespace Vigil.Server.Hosts;

/// <summary>
/// One reboot, opened by a report with a new boot id: the last report of the old boot, the first of the new
/// one, and when every post-boot check first passed (null while verification is pending).
/// </summary>
public sealed record HostReboot(
    long Id,
    string Host,
    string PreviousBootId,
    string BootId,
    DateTimeOffset LastReportBefore,
    DateTimeOffset FirstReportAfter,
    DateTimeOffset? VerifiedAt)
{
    /// <summary>How long the host was silent: the reboot's length as the server saw it.</summary>
    public TimeSpan Duration => FirstReportAfter - LastReportBefore;
}
