using Vigil.Server.Config;
using Vigil.Server.Plans;
using static Vigil.Server.Tests.Plans.PlanTexts;

namespace Vigil.Server.Tests.Plans;

/// <summary>Plan YAML: what a good plan reads as, and every refusal naming the file, line and key.</summary>
public sealed class PlanReaderTests
{
    [Fact]
    public void FullPlan_IsRead_WithEveryKeyAndStep()
    {
        var plan = PlanReader.Read(Full, "reboot.yaml");

        Assert.Equal(("reboot-lb", "rolling reboot", "lb", 0), (plan.Name, plan.Description, plan.Targets.Pool, plan.MaxFail));
        Assert.Equal("1", plan.Serial.ToString());
        Assert.Equal(new PlanWindow { Watcher = "alice", Backup = "bob", Announcement = "kernel update" }, plan.Window);
        Assert.Equal(
            ["gate: pool_min_healthy", "gate: oncall", "gate: no_firing", "haproxy: drain", "wait: drained", "haproxy: maint", "agent: reboot",
             "wait: host_back", "verify: post_boot", "haproxy: ready", "wait: haproxy_up", "verify: probe shop", "wait: duration",
             "webhook: https://chat.example.com/<secret>"],
            plan.Steps.Select(s => s.ToString()));
        Assert.Equal("severity=\"critical\"", Assert.Single(plan.Steps[2].Matchers).ToString());
        Assert.True(plan.Steps[2].HostScoped);
        Assert.Equal(TimeSpan.FromMinutes(5), plan.Steps[4].Timeout);
        Assert.Null(plan.Steps[3].Timeout);
        Assert.Equal(TimeSpan.FromSeconds(30), plan.Steps[12].Duration);
        Assert.Equal(new Uri("https://chat.example.com/hook?token=x"), plan.Steps[13].Url);
        Assert.Equal("{{ host }} done", plan.Steps[13].Body);
        Assert.Equal(TimeSpan.FromSeconds(5), plan.Steps[13].Timeout);
        Assert.Equal(LineOf(Full, "haproxy: drain"), plan.Steps[3].Line);
        Assert.Equal(LineOf(Full, "probe: shop"), plan.LineOf("steps[11].probe"));
        Assert.Equal(Full.TrimEnd() + "\n", plan.Source);
        Assert.Equal("reboot.yaml", plan.SourceName);
    }

    [Fact]
    public void Hosts_AsListOrMatch_AndSerialRamp_AreRead()
    {
        var list = PlanReader.Read(Replace(Full, "hosts: {pool: lb}", "hosts: [lb-2, lb-1]"), "p.yaml");
        Assert.Equal(["lb-2", "lb-1"], list.Targets.Hosts);
        var explicitList = PlanReader.Read(Replace(Full, "hosts: {pool: lb}", "hosts: {list: [lb-1]}"), "p.yaml");
        Assert.Equal(["lb-1"], explicitList.Targets.Hosts);

        var restart = PlanReader.Read(Restart, "p.yaml");
        Assert.Equal("host=~\"web-.*\"", Assert.Single(restart.Targets.Matchers).ToString());
        Assert.Equal("[1, 2, 25%]", restart.Serial.ToString());
        Assert.Equal([1, 2, 2, 2, 2, 1], restart.Serial.Batches(10));
        Assert.Equal(0, restart.MaxFail);
        Assert.Null(restart.Window);
        Assert.Equal("1", PlanReader.Read(Replace(Restart, "serial: [1, 2, \"25%\"]\n", ""), "p.yaml").Serial.ToString());
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("True", true)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("false", false)]
    public void HostScoped_AcceptsYaml11Booleans(string text, bool expected) =>
        Assert.Equal(expected, PlanReader.Read(Replace(Full, "host_scoped: yes", "host_scoped: " + text), "p.yaml").Steps[2].HostScoped);

    /// <summary>(text to replace, replacement, marker of the expected line, key, part of the reason).</summary>
    public static TheoryData<string, string, string, string, string> Errors => new()
    {
        { "name: reboot-lb", "name: reboot lb", "name:", "name", "must be 1 to 128 letters, digits" },
        { "name: reboot-lb\n", "", "description:", "name", "missing required key" },
        { "description: rolling reboot", "descripton: x", "descripton", "descripton", "unknown key" },
        { "hosts: {pool: lb}", "hosts: {pool: lb, list: [a]}", "hosts:", "hosts", "give only one of pool, list or match, not list and pool" },
        { "hosts: {pool: lb}", "hosts: {}", "hosts:", "hosts", "give one of pool" },
        { "hosts: {pool: lb}", "hosts: lb-1", "hosts:", "hosts", "expected a list of host names, or one of" },
        { "hosts: {pool: lb}", "hosts: [lb-1, lb-1]", "hosts:", "hosts[1]", "host \"lb-1\" is listed twice" },
        { "hosts: {pool: lb}", "hosts: [\"lb 1\"]", "hosts:", "hosts[0]", "not a host name" },
        { "hosts: {pool: lb}", "hosts: []", "hosts:", "hosts", "give at least one host" },
        { "hosts: {pool: lb}", "hosts: {pool: 'a b'}", "hosts:", "hosts.pool", "not a pool name" },
        { "hosts: {pool: lb}", "hosts: {match: ['team=\"x\"']}", "hosts:", "hosts.match", "matched on their name only" },
        { "hosts: {pool: lb}", "hosts: {match: ['host=~\"(\"']}", "hosts:", "hosts.match[0]", "" },
        { "hosts: {pool: lb}", "hosts: {poool: lb}", "hosts:", "hosts.poool", "unknown key" },
        { "serial: 1", "serial: 0", "serial:", "serial", "a batch holds at least 1 host, got 0" },
        { "serial: 1", "serial: \"0%\"", "serial:", "serial", "from 1% to 100%" },
        { "serial: 1", "serial: 101%", "serial:", "serial", "from 1% to 100%" },
        { "serial: 1", "serial: []", "serial:", "serial", "give at least one batch size" },
        { "serial: 1", "serial: [1, x]", "serial:", "serial[1]", "not a batch size: \"x\"" },
        { "max_fail: 0", "max_fail: -1", "max_fail", "max_fail", "must be 0 or more hosts" },
        { "max_fail: 0", "max_fail: lots", "max_fail", "max_fail", "not a valid integer" },
        { "  watcher: alice\n", "", "backup:", "window.watcher", "missing required key" },
        { "  backup: bob", "  backup: ''", "backup:", "window.backup", "must name a person" },
        { "  announcement: kernel update", "  annoucement: x", "annoucement", "window.annoucement", "unknown key" },
        { "  - gate: pool_min_healthy", "  - gate: pool_healthy", "pool_healthy", "steps[0].gate", "unknown gate \"pool_healthy\" (one of pool_min_healthy, no_firing, oncall)" },
        { "  - gate: oncall", "  - gate: oncall\n    wait: drained", "gate: oncall", "steps[1]", "exactly one of gate, haproxy, agent, wait, verify, webhook; this one has gate and wait" },
        { "  - gate: oncall", "  - {}", "- {}", "steps[1]", "a step needs one of gate" },
        { "  - gate: oncall", "  - oncall", "- oncall", "steps[1]", "a step is a mapping" },
        { "  - gate: oncall", "  - gate: oncall\n    timeout: 5m", "timeout: 5m", "steps[1].timeout", "does not apply to gate: oncall" },
        { "  - gate: oncall", "  - gate: oncall\n    retries: 3", "retries", "steps[1].retries", "unknown key" },
        { "    matchers: ['severity=\"critical\"']\n", "", "gate: no_firing", "steps[2].matchers", "gate: no_firing needs matchers" },
        { "    matchers: ['severity=\"critical\"']", "    matchers: []", "matchers:", "steps[2].matchers", "give at least one matcher" },
        { "    matchers: ['severity=\"critical\"']", "    matchers: ['severity=~\"(\"']", "matchers:", "steps[2].matchers[0]", "" },
        { "    host_scoped: yes", "    host_scoped: maybe", "host_scoped", "steps[2].host_scoped", "not a boolean: \"maybe\"" },
        { "  - haproxy: drain", "  - haproxy: drian", "drian", "steps[3].haproxy", "unknown haproxy \"drian\" (one of drain, maint, ready)" },
        { "  - haproxy: drain", "  - haproxy: drain\n    matchers: ['a=\"b\"']", "a=", "steps[3].matchers", "does not apply to haproxy: drain" },
        { "    timeout: 5m", "    timeout: 5x", "timeout: 5x", "steps[4].timeout", "not a valid duration: \"5x\"" },
        { "    timeout: 5m", "    timeout: 0s", "timeout: 0s", "steps[4].timeout", "out of range" },
        { "    timeout: 5m", "    timeout: 25h", "timeout: 25h", "steps[4].timeout", "out of range; it must be from 1s to 1d" },
        { "  - agent: reboot", "  - agent: \"re boot\"", "re boot", "steps[6].agent", "not an action name" },
        { "  - wait: haproxy_up", "  - wait: up", "wait: up", "steps[10].wait", "unknown wait \"up\"" },
        { "  - verify: post_boot", "  - verify: post_boot\n    probe: cart", "probe: cart", "steps[8].probe", "does not apply to verify: post_boot" },
        { "    probe: shop\n", "", "verify: probe", "steps[11].probe", "verify: probe needs probe" },
        { "    duration: 30s\n", "", "wait: duration", "steps[12].duration", "wait: duration needs duration" },
        { "    duration: 30s", "    duration: 30s\n    timeout: 1m", "timeout: 1m", "steps[12].timeout", "does not apply to wait: duration" },
        { "url: \"https://chat.example.com/hook?token=x\"", "url: \"ftp://x/\"", "webhook:", "steps[13].webhook.url", "unsupported scheme" },
        { "url: \"https://chat.example.com/hook?token=x\", ", "", "webhook:", "steps[13].webhook.url", "missing required key" },
        { "    timeout: 5s", "    url: https://x/", "url: https://x/", "steps[13].url", "goes under webhook:" },
        { "hosts: {pool: lb}", "hosts: {pool: lb", "", "", "invalid YAML" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void BadPlan_IsRefused_NamingLineAndKey(string old, string replacement, string lineMarker, string key, string reason)
    {
        var yaml = Replace(Full, old, replacement);
        var e = Assert.Throws<ConfigException>(() => PlanReader.Read(yaml, "reboot.yaml"));

        Assert.Equal("reboot.yaml", e.File);
        Assert.Equal(key, e.Key);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        if (lineMarker.Length > 0)
        {
            Assert.Equal(LineOf(yaml, lineMarker), e.Line);
            Assert.StartsWith($"reboot.yaml:{e.Line}: {key}: ", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("", "the plan is empty")]
    [InlineData("# nothing\n", "the plan is empty")]
    [InlineData("- a\n", "expected a mapping")]
    [InlineData("name: a\nhosts: [a]\nsteps: []\n", "a plan needs at least one step")]
    [InlineData("name: a\nhosts: [a]\nsteps: [{agent: x}]\n---\nname: b\n", "only one YAML document")]
    public void Document_ThatIsNoPlan_IsRefused(string yaml, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => PlanReader.Read(yaml, "p.yaml"));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }
}
