using System.Globalization;
using Vigil.Contracts.Agents;
using Vigil.Server.Hosts;

namespace Vigil.Server.Pools;

/// <summary>A member's host as its agent last described it, judged at one instant. Pure.</summary>
public sealed record HostStanding(
    string Host,
    HostAgentState State,
    string? BootId,
    DateTimeOffset? LastReportAt,
    TimeSpan? Silent,
    TimeSpan? DownAfter,
    int Checks,
    IReadOnlyList<CheckResult> Failing)
{
    public bool ChecksPassing => State == HostAgentState.Passing;

    /// <summary>Why the host does not count as healthy, or null when it does.</summary>
    public string? Problem => State switch
    {
        HostAgentState.NoReport => $"host {Host}: no agent report (is its agent running as '{Host}'?)",
        HostAgentState.Silent => $"host {Host}: agent silent for {Seconds(Silent!.Value)} (down after {Seconds(DownAfter!.Value)})",
        HostAgentState.Failing => $"host {Host}: failing {string.Join("; ", Failing.Select(Describe))}",
        _ => null,
    };

    /// <summary>The host's standing now; silence counts from <paramref name="heardSince"/> when the server began listening after the last report.</summary>
    public static HostStanding Of(string host, HostRecord? record, HostsOptions options, DateTimeOffset now, DateTimeOffset? heardSince = null)
    {
        if (record is null)
        {
            return new HostStanding(host, HostAgentState.NoReport, null, null, null, null, 0, []);
        }
        var silent = now - HostSilenceRules.SilentSince(record, heardSince);
        var downAfter = RebootRules.DownAfter(record.Interval, options);
        var failing = record.Checks.Where(c => !c.Passed).ToList();
        // A silent agent's last checks say nothing about the host now, so silence outranks them.
        var state = silent > downAfter ? HostAgentState.Silent : failing.Count > 0 ? HostAgentState.Failing : HostAgentState.Passing;
        return new HostStanding(host, state, record.BootId, record.LastReportAt, silent < TimeSpan.Zero ? TimeSpan.Zero : silent, downAfter,
            record.Checks.Count, failing);
    }

    public static string Describe(CheckResult check)
    {
        var subject = string.Join(",", check.Subject.Select(p => $"{p.Key}={p.Value}"));
        return subject.Length > 0 ? $"{check.Check} {subject}: {check.Message}" : $"{check.Check}: {check.Message}";
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";
}
