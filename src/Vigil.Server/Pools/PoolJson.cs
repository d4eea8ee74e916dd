using System.Text.Json;
using Vigil.Server.Hosts;

namespace Vigil.Server.Pools;

/// <summary>The API's view of pools (camelCase JSON): each member per instance, its host, and why it is or is not healthy.</summary>
internal static class PoolJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public sealed record PoolView(string Name, string Backend, int MinHealthy, int Healthy, int Total, bool Readable, string Summary,
        IReadOnlyList<InstanceView> Instances, IReadOnlyList<MemberView> Members);

    public sealed record InstanceView(string Instance, string? Error);

    public sealed record MemberView(string Server, string Host, bool Healthy, IReadOnlyList<string> Reasons, IReadOnlyList<HaproxyView> Haproxy,
        AgentView Agent, RemovalView Removal);

    public sealed record HaproxyView(string Instance, string? Status, string? StatusText, string? Admin, string? CheckStatus, string? CheckCode, string? CheckDescription,
        int? Sessions, int? Queued, int? Weight, string? Error);

    public sealed record AgentView(string State, string? BootId, DateTimeOffset? LastReportAt, double? SilentSeconds, int Checks, IReadOnlyList<FailingCheck> Failing);

    public sealed record FailingCheck(string Check, IReadOnlyDictionary<string, string> Subject, string Message);

    public sealed record RemovalView(string Decision, string Reason);

    public static PoolView View(PoolHealthReport report)
    {
        var pool = report.Pool;
        var summary = report.Unreadable.Count > 0
            ? $"{report.HealthyCount} of {pool.Members.Count} healthy (min_healthy {pool.MinHealthy}); HAProxy unreadable: health unknown"
            : $"{report.HealthyCount} of {pool.Members.Count} healthy (min_healthy {pool.MinHealthy})";
        return new PoolView(pool.Name, pool.Backend, pool.MinHealthy, report.HealthyCount, pool.Members.Count, report.Unreadable.Count == 0, summary,
            [.. report.Instances.Select(i => new InstanceView(i.Instance.Label, i.Error?.Message))],
            [.. report.Members.Select(m => Member(report, m))]);
    }

    private static MemberView Member(PoolHealthReport report, MemberHealth m)
    {
        var verdict = PoolHealth.CanRemove(report, m.Member.Server);
        return new MemberView(m.Member.Server, m.Member.Host, m.Healthy, m.Reasons,
            [.. m.Instances.Select(Instance)], Agent(m.Host), new RemovalView(Lower(verdict.Decision), verdict.Reason));
    }

    private static HaproxyView Instance(MemberInstanceState s) => s.Stat is { } stat
        ? new HaproxyView(s.Instance.Label, Upper(stat.Status), stat.StatusText, s.Admin is { } a ? Lower(a) : null, stat.CheckStatus, stat.CheckCode, stat.CheckDescription,
            stat.CurrentSessions, stat.QueuedRequests, stat.Weight, null)
        : new HaproxyView(s.Instance.Label, null, null, null, null, null, null, null, null, null, s.Error?.Message);

    private static AgentView Agent(HostStanding h) =>
        new(Lower(h.State), h.BootId, h.LastReportAt, h.Silent?.TotalSeconds, h.Checks, [.. h.Failing.Select(c => new FailingCheck(c.Check, c.Subject, c.Message))]);

    private static string Upper(ServerStatus s) => s == ServerStatus.NoCheck ? "NO CHECK" : s.ToString().ToUpperInvariant();

    private static string Lower<T>(T value) where T : struct, Enum => value switch
    {
        HostAgentState.NoReport => "no_report",
        _ => value.ToString().ToLowerInvariant(),
    };
}
