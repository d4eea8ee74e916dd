using Vigil.Server.Config;
using Vigil.Server.Plans;
using static Vigil.Server.Tests.Plans.PlanTexts;

namespace Vigil.Server.Tests.Plans;

/// <summary>Checks of a plan against a configuration: what it names exists, and no order of steps strands a host.</summary>
public sealed class PlanValidatorTests
{
    private static readonly VigilConfig Loaded = ConfigLoader.Load(ConfigYaml, "vigil.yaml");

    [Fact]
    public void FullPlan_AgainstItsConfig_HasNoErrorsNorWarnings()
    {
        var check = PlanValidator.Check(PlanReader.Read(Full, "reboot.yaml"), Loaded);

        Assert.True(check.IsValid, string.Join("\n", check.Errors));
        Assert.Empty(check.Warnings);
    }

    /// <summary>(text to replace, replacement, marker of the expected line, key, part of the reason).</summary>
    public static TheoryData<string, string, string, string, string> Errors => new()
    {
        { "hosts: {pool: lb}", "hosts: {pool: nope}", "hosts:", "hosts.pool", "no pool named \"nope\" (pools: has lb, web, both)" },
        { "hosts: {pool: lb}", "hosts: [lb-1, ghost]", "hosts:", "hosts[1]", "host \"ghost\" is not a member of any pool, but steps[0] (gate: pool_min_healthy) needs its pool" },
        { "hosts: {pool: lb}", "hosts:\n  list: [lb-1, web-2]", "[lb-1, web-2]", "hosts.list[1]", "host \"web-2\" is a member of 2 pools (web, both)" },
        { "  watcher: alice", "  watcher: zed", "watcher:", "window.watcher", "no person named \"zed\" (see people:)" },
        { "  backup: bob", "  backup: yves", "backup:", "window.backup", "no person named \"yves\"" },
        { "  announcement: kernel update", "  schedule: nope", "schedule:", "window.schedule", "no schedule named \"nope\" (see schedules:)" },
        { "    probe: shop", "    probe: cart", "probe: cart", "steps[11].probe", "no probe named \"cart\" (see probes:)" },
        { "  - wait: host_back\n    timeout: 15m\n", "", "agent: reboot", "steps[6]", "a reboot nobody waits for" },
        { "  - haproxy: ready\n", "", "haproxy: drain", "steps[3]", "the host would stay out of its pool: add '- haproxy: ready' after haproxy: drain" },
        { "window:\n  watcher: alice\n  backup: bob\n  announcement: kernel update\n", "", "gate: oncall", "steps[1]", "gate: oncall checks that the window's watcher is on call" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Plan_NamingWhatIsNotConfigured_OrStrandingAHost_HasAnErrorAtItsLineAndKey(string old, string replacement, string lineMarker, string key, string reason)
    {
        var yaml = Replace(Full, old, replacement);
        var check = PlanValidator.Check(PlanReader.Read(yaml, "reboot.yaml"), Loaded);

        Assert.False(check.IsValid);
        var problem = Assert.Single(check.Errors, e => e.Key == key);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
        Assert.Equal(LineOf(yaml, lineMarker), problem.Line);
        Assert.StartsWith($"reboot.yaml:{problem.Line}: {key}: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ready_AfterARebootWithoutPostBootVerification_IsAWarningOnly()
    {
        var yaml = Replace(Full, "  - verify: post_boot\n", "");
        var check = PlanValidator.Check(PlanReader.Read(yaml, "reboot.yaml"), Loaded);

        Assert.True(check.IsValid, string.Join("\n", check.Errors));
        var warning = Assert.Single(check.Warnings);
        Assert.Equal(("steps[8]", LineOf(yaml, "haproxy: ready")), (warning.Key, warning.Line));
        Assert.Contains("without '- verify: post_boot' in between", warning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void HostsByMatch_AreNotCheckedAgainstPools_UntilTheyAreKnown()
    {
        var yaml = Replace(Full, "hosts: {pool: lb}", "hosts: {match: ['host=~\"ghost-.*\"']}");
        Assert.True(PlanValidator.Check(PlanReader.Read(yaml, "p.yaml"), Loaded).IsValid);
    }

    [Fact]
    public void Resolve_KeepsPoolOrderAndListOrder_AndSortsMatchedHostsByName()
    {
        var pool = PlanHosts.Resolve(PlanReader.Read(Full, "p.yaml"), Loaded.Pools, []);
        Assert.Null(pool.Problem);
        Assert.Equal(["lb-1", "lb-2"], pool.Hosts);
        Assert.Equal("lb", pool.PoolOf["lb-2"].Name);

        var list = PlanHosts.Resolve(PlanReader.Read(Replace(Full, "hosts: {pool: lb}", "hosts: [lb-2, web-1]"), "p.yaml"), Loaded.Pools, []);
        Assert.Equal(["lb-2", "web-1"], list.Hosts);
        Assert.Equal(["lb", "web"], list.Hosts.Select(h => list.PoolOf[h].Name));

        var matched = PlanHosts.Resolve(PlanReader.Read(Restart, "p.yaml"), Loaded.Pools, ["web-3", "lb-1", "web-1", "web-10", "web-1"]);
        Assert.Null(matched.Problem);
        Assert.Equal(["web-1", "web-10", "web-3"], matched.Hosts);
    }

    [Theory]
    [InlineData("hosts: {pool: gone}", "no pool named \"gone\" (pools: has lb, web, both)")]
    [InlineData("hosts: {match: ['host=~\"db-.*\"']}", "no known host matches {host=~\"db-.*\"} (hosts are known once their agents report)")]
    [InlineData("hosts: {match: ['host=~\"web-.*\"']}", "host \"web-2\" is a member of 2 pools (web, both), but steps[0] (gate: pool_min_healthy) needs its pool and it must be exactly one")]
    [InlineData("hosts: [lb-1, web-9]", "host \"web-9\" is not a member of any pool, but steps[0] (gate: pool_min_healthy) needs its pool")]
    public void Resolve_WhenAHostCannotBeWorkedOn_SaysWhy(string hosts, string problem)
    {
        var plan = PlanReader.Read(Replace(Full, "hosts: {pool: lb}", hosts), "p.yaml");
        var resolved = PlanHosts.Resolve(plan, Loaded.Pools, ["web-1", "web-2", "lb-1"]);

        Assert.Equal(problem, resolved.Problem);
        Assert.Empty(resolved.Hosts);
    }
}
