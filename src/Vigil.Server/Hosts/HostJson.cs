using Vigil.Contracts.Agents;

namespace Vigil.Server.Hosts;

/// <summary>The API's view of hosts and reboots (camelCase JSON through <see cref="ContractJson"/>).</summary>
internal static class HostJson
{
    /// <summary>One host; <see cref="State"/> is <c>error</c> and <see cref="Error"/> says why when it is not checked.</summary>
    public sealed record HostSummary(string Host, string State, string BootId, DateTimeOffset LastReportAt, double SilentSeconds,
        double UptimeSeconds, int Checks, int Failing, double RebootAllowanceSeconds, string? AgentVersion, string? Error = null);

    public sealed record HostDetail(HostSummary Summary, IReadOnlyList<CheckResult> Checks, IReadOnlyList<RebootView> Reboots, RebootView? PendingVerification);

    public sealed record RebootView(string PreviousBootId, string BootId, DateTimeOffset LastReportBefore, DateTimeOffset FirstReportAfter,
        double DurationSeconds, DateTimeOffset? VerifiedAt);

    public static HostSummary Summary(HostRecord h, HostService hosts, DateTimeOffset now)
    {
        var silent = now - HostSilenceRules.SilentSince(h, hosts.ListeningSince);
        var error = hosts.ErrorOf(h);
        double allowance = 0;
        var state = "error";
        if (error is null)
        {
            try
            {
                var downAfter = RebootRules.DownAfter(h.Interval, hosts.Options);
                state = silent > downAfter ? "down" : h.Checks.Any(c => !c.Passed) ? "failing" : "up";
                allowance = hosts.AllowanceOf(h).TotalSeconds;
            }
            catch (Exception e) when (e is OverflowException or ArgumentException or InvalidOperationException)
            {
                (state, error) = ("error", e.Message);
            }
        }
        return new HostSummary(h.Host, state, h.BootId, h.LastReportAt, Math.Max(0, silent.TotalSeconds), h.UptimeSeconds,
            h.Checks.Count, h.Checks.Count(c => !c.Passed), allowance, h.AgentVersion, error);
    }

    public static RebootView Reboot(HostReboot r) =>
        new(r.PreviousBootId, r.BootId, r.LastReportBefore, r.FirstReportAfter, r.Duration.TotalSeconds, r.VerifiedAt);
}
