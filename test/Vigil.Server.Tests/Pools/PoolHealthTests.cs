using Vigil.Contracts.Agents;
using Vigil.Server.Pools;

namespace Vigil.Server.Tests.Pools;

/// <summary>
/// The pure pool rules, table-driven: a pool of s1, s2, s3 (hosts h1, h2, h3) behind two HAProxy instances
/// lb1 and lb2. Each case says what each instance shows, what each agent says, who is healthy, and whether s1
/// may leave.
/// </summary>
public sealed class PoolHealthTests
{
    private static readonly HaproxyEndpoint Lb1 = HaproxyEndpoint.Socket("/run/lb1.sock");
    private static readonly HaproxyEndpoint Lb2 = HaproxyEndpoint.Address("10.0.0.2", 9999);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string, int, string, RemovalDecision, string> Cases => new()
    {
        // name, instances, hosts, min_healthy, healthy, CanRemove(s1), a reason that must appear
        { "all up", "lb1: s1=UP s2=UP s3=UP; lb2: s1=UP s2=UP s3=UP", "h1=ok h2=ok h3=ok", 2, "s1 s2 s3", RemovalDecision.Allowed, "keeps 2 healthy" },
        { "removing the one above min", "lb1: s1=UP s2=UP s3=DOWN; lb2: s1=UP s2=UP s3=DOWN", "h1=ok h2=ok h3=ok", 2, "s1 s2", RemovalDecision.Refused, "would drop to 1 healthy, below min_healthy 2 (healthy now: s1, s2)" },
        { "down in one instance only", "lb1: s1=UP s2=UP s3=UP; lb2: s1=UP s2=DOWN s3=UP", "h1=ok h2=ok h3=ok", 2, "s1 s3", RemovalDecision.Refused, "HAProxy 10.0.0.2:9999: web/s2 is DOWN (L4CON: Layer4 connection problem" },
        { "checks not risen after ready", "lb1: s1=UP s2=UP_1/2 s3=UP; lb2: s1=UP s2=UP s3=UP", "h1=ok h2=ok h3=ok", 1, "s1 s3", RemovalDecision.Allowed, "web/s2 is UP 1/2, checks not at full health" },
        { "host without agent report", "lb1: s1=UP s2=UP s3=UP; lb2: s1=UP s2=UP s3=UP", "h1=ok h2=ok", 2, "s1 s2", RemovalDecision.Refused, "host h3: no agent report" },
        { "host check failing", "lb1: s1=UP s2=UP s3=UP; lb2: s1=UP s2=UP s3=UP", "h1=ok h2=ok h3=failing", 2, "s1 s2", RemovalDecision.Refused, "host h3: failing mount mountpoint=/data: /data is not mounted" },
        { "host silent", "lb1: s1=UP s2=UP s3=UP; lb2: s1=UP s2=UP s3=UP", "h1=ok h2=ok h3=silent", 1, "s1 s2", RemovalDecision.Allowed, "host h3: agent silent for 120 s (down after 30 s)" },
        { "an unhealthy member may leave", "lb1: s1=DOWN s2=UP s3=UP; lb2: s1=DOWN s2=UP s3=UP", "h1=ok h2=ok h3=ok", 2, "s2 s3", RemovalDecision.Allowed, "keeps 2 healthy" },
        { "instance unreachable", "lb1: s1=UP s2=UP s3=UP; lb2: unreachable", "h1=ok h2=ok h3=ok", 1, "", RemovalDecision.Inconclusive, "cannot tell whether pool web can spare s1 (h1): 10.0.0.2:9999: connection refused" },
        { "server missing from the backend", "lb1: s1=UP s2=UP; lb2: s1=UP s2=UP s3=UP", "h1=ok h2=ok h3=ok", 2, "s1 s2", RemovalDecision.Refused, "/run/lb1.sock: no server s3 in backend web" },
        { "drained while down", "lb1: s1=UP s2=UP s3=DOWN+drain; lb2: s1=UP s2=UP s3=UP", "h1=ok h2=ok h3=ok", 1, "s1 s2", RemovalDecision.Allowed, "web/s3 is DOWN, set to drain" },
        { "drain and maint", "lb1: s1=DRAIN s2=MAINT s3=UP; lb2: s1=DRAIN s2=MAINT s3=UP", "h1=ok h2=ok h3=ok", 1, "s3", RemovalDecision.Allowed, "web/s2 is MAINT" },
        { "no check counts as up", "lb1: s1=NOCHECK s2=UP s3=UP; lb2: s1=NOCHECK s2=UP s3=UP", "h1=ok h2=ok h3=ok", 3, "s1 s2 s3", RemovalDecision.Refused, "would drop to 2 healthy, below min_healthy 3" },
        { "min_healthy 0", "lb1: s1=UP s2=DOWN s3=DOWN; lb2: s1=UP s2=DOWN s3=DOWN", "h1=ok h2=ok h3=ok", 0, "s1", RemovalDecision.Allowed, "keeps 0 healthy" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pool_IsJudgedMemberByMember(string name, string instances, string hosts, int minHealthy, string healthy, RemovalDecision removeS1, string reason)
    {
        var pool = Pool(minHealthy);
        var report = PoolHealth.Evaluate(pool, Snapshots(instances), Hosts(hosts));
        Assert.True(healthy == string.Join(" ", report.Members.Where(m => m.Healthy).Select(m => m.Member.Server)), name);
        Assert.Equal(report.Members.Count(m => m.Healthy), report.HealthyCount);
        var verdict = PoolHealth.CanRemove(report, "s1");
        Assert.Equal(removeS1, verdict.Decision);
        var everything = string.Join("\n", report.Members.SelectMany(m => m.Reasons).Append(verdict.Reason));
        Assert.Contains(reason, everything, StringComparison.Ordinal);
        foreach (var member in report.Members)
        {
            // A member is healthy exactly when nothing is wrong with it.
            Assert.Equal(member.Healthy, member.Reasons.Count == 0);
        }
    }

    [Fact]
    public void CanRemove_ByHostName_IsTheSameMember()
    {
        var report = PoolHealth.Evaluate(Pool(1), Snapshots("lb1: s1=UP s2=UP s3=UP"), Hosts("h1=ok h2=ok h3=ok"));
        Assert.Equal(PoolHealth.CanRemove(report, "s2"), PoolHealth.CanRemove(report, "h2"));
        Assert.Equal((3, 2), (PoolHealth.CanRemove(report, "h2").HealthyNow, PoolHealth.CanRemove(report, "h2").HealthyAfter));
    }

    [Fact]
    public void CanRemove_OfAStranger_IsACallersBug() =>
        Assert.Throws<ArgumentException>(() => PoolHealth.CanRemove(PoolHealth.Evaluate(Pool(1), Snapshots("lb1: s1=UP s2=UP s3=UP"), Hosts("")), "s9"));

    [Fact]
    public void HostStanding_JudgesSilenceBeforeChecks()
    {
        var record = Record("h1", passing: false, lastReport: Now.AddMinutes(-5));
        var standing = HostStanding.Of("h1", record, new Server.Hosts.HostsOptions(), Now);
        Assert.Equal(HostAgentState.Silent, standing.State);
        Assert.Equal(HostAgentState.Failing, HostStanding.Of("h1", record with { LastReportAt = Now.AddSeconds(-5) }, new Server.Hosts.HostsOptions(), Now).State);
        Assert.Equal(HostAgentState.NoReport, HostStanding.Of("h1", null, new Server.Hosts.HostsOptions(), Now).State);
    }

    private static Pool Pool(int minHealthy) => new()
    {
        Name = "web",
        Backend = "web",
        Instances = [Lb1, Lb2],
        Members = [new PoolMember("s1", "h1"), new PoolMember("s2", "h2"), new PoolMember("s3", "h3")],
        MinHealthy = minHealthy,
    };

    // "lb1: s1=UP s2=DOWN+drain; lb2: unreachable"
    private static List<InstanceSnapshot> Snapshots(string spec)
    {
        var snapshots = new List<InstanceSnapshot>();
        foreach (var part in spec.Split(';', StringSplitOptions.TrimEntries))
        {
            var (label, rest) = (part[..part.IndexOf(':', StringComparison.Ordinal)], part[(part.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            var instance = label == "lb1" ? Lb1 : Lb2;
            if (rest == "unreachable")
            {
                snapshots.Add(InstanceSnapshot.Failed(instance, new RuntimeError(RuntimeErrorKind.Unreachable, $"{instance.Label}: connection refused")));
                continue;
            }
            var stats = new List<ServerStat>();
            var states = new List<ServerStateRow>();
            foreach (var token in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (server, status) = (token[..token.IndexOf('=', StringComparison.Ordinal)], token[(token.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                var flags = status.EndsWith("+drain", StringComparison.Ordinal) ? 8 : status == "MAINT" ? 1 : status == "DRAIN" ? 8 : 0;
                var text = status.Replace("+drain", "", StringComparison.Ordinal).Replace('_', ' ').Replace("NOCHECK", "no check", StringComparison.Ordinal);
                var down = text.StartsWith("DOWN", StringComparison.Ordinal);
                stats.Add(new ServerStat
                {
                    Backend = "web",
                    Server = server,
                    Status = StatCsv.StatusOf(text),
                    StatusText = text,
                    CheckStatus = text == "no check" ? null : down ? "L4CON" : "L7OK",
                    CheckDescription = text == "no check" ? null : down ? "Layer4 connection problem" : "Layer7 check passed",
                    Weight = 1,
                });
                states.Add(new ServerStateRow("web", server, down ? 0 : 2, flags, down ? 0 : 3));
            }
            snapshots.Add(new InstanceSnapshot(instance, null, stats, states));
        }
        return snapshots;
    }

    // "h1=ok h2=failing h3=silent"; a host not named has never reported.
    private static Dictionary<string, HostStanding> Hosts(string spec)
    {
        var options = new Server.Hosts.HostsOptions();
        var result = new Dictionary<string, HostStanding>(StringComparer.Ordinal);
        foreach (var token in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (host, state) = (token[..token.IndexOf('=', StringComparison.Ordinal)], token[(token.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var record = Record(host, passing: state != "failing", lastReport: state == "silent" ? Now.AddMinutes(-2) : Now.AddSeconds(-3));
            result[host] = HostStanding.Of(host, record, options, Now);
        }
        return result;
    }

    private static Server.Hosts.HostRecord Record(string host, bool passing, DateTimeOffset lastReport) =>
        new(host, "boot-" + host, Now.AddDays(-1), lastReport, TimeSpan.FromSeconds(10), 3600,
            [new CheckResult("mount", new Dictionary<string, string> { ["mountpoint"] = "/data" }, passing, passing ? "/data is mounted" : "/data is not mounted")],
            new HashSet<string>(), false, false, "test");
}
