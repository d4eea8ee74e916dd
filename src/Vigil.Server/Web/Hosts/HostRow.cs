using Vigil.Server.Hosts;

namespace Vigil.Server.Web.Hosts;

/// <summary>
/// One host as the UI shows it: the API's state (up, down, failing, error), or <c>verifying</c> while its latest
/// reboot's post-boot checks have not all passed; when it last reported, its checks and its learned reboot allowance.
/// </summary>
internal sealed record HostRow(string Host, string State, DateTimeOffset LastReportAt, double SilentSeconds, int Checks, int Failing,
    TimeSpan Allowance, bool Verifying, IReadOnlySet<string> PostBootFailing, string? AgentVersion, string? Error)
{
    public static HostRow Of(HostRecord h, HostService hosts, DateTimeOffset now)
    {
        var s = HostJson.Summary(h, hosts, now);
        var verifying = h.PendingReboot is { VerifiedAt: null };
        var state = s.State == "up" && verifying ? "verifying" : s.State;
        return new HostRow(h.Host, state, h.LastReportAt, s.SilentSeconds, s.Checks, s.Failing, TimeSpan.FromSeconds(s.RebootAllowanceSeconds),
            verifying, h.PostBootFailing, h.AgentVersion, s.Error);
    }

    public string Badge => State switch
    {
        "down" or "error" => "critical",
        "failing" or "verifying" => "warning",
        _ => "ok",
    };
}
