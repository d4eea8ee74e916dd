using Vigil.Server.Config;
using Vigil.Server.Escalation;

namespace Vigil.Server.Tests.Escalation;

public sealed class EscalationConfigTests
{
    private const string Base = """
        route: {receiver: r}
        receivers:
          - name: r
            vigil_configs: [{policy: ops}]
        """;

    [Fact]
    public void Policies_AreRead_WithDefaults()
    {
        var config = ConfigLoader.Load(Base + """

            escalation_policies:
              - name: ops
                repeat: 2
                reack_after: 1h
                levels:
                  - targets: [{schedule: primary}, {person: alice}]
                  - targets: [{team: leads}]
                    ack_timeout: 15m
                    round_robin: true
            """, "t.yaml");
        var ops = config.EscalationPolicies["ops"];
        Assert.Equal((2, TimeSpan.FromHours(1)), (ops.Repeat, ops.ReackAfter!.Value));
        Assert.Equal(TimeSpan.FromMinutes(5), ops.Levels[0].AckTimeout);
        Assert.Equal([new EscalationTarget(TargetKind.Schedule, "primary"), new EscalationTarget(TargetKind.Person, "alice")], ops.Levels[0].Targets);
        Assert.True(ops.Levels[1].RoundRobin);
        Assert.Equal("ops", Assert.Single(config.FindReceiver("r")!.VigilConfigs).Policy);
    }

    [Theory]
    [InlineData("escalation_policies: [{name: other, levels: [{targets: [{person: a}]}]}]", "undefined escalation policy \"ops\"")]
    [InlineData("escalation_policies: [{name: ops, levels: []}]", "at least one level")]
    [InlineData("escalation_policies: [{name: ops, levels: [{targets: [{pager: a}]}]}]", "pager")]
    [InlineData("escalation_policies: [{name: ops, levels: [{targets: [{person: a}], ack_timeout: 0s}]}]", "positive duration")]
    [InlineData("escalation_policies: [{name: ops, levels: [{targets: [{person: a}]}]}]\npagerduty: {routing_keys: {K: {policy: nope}}}", "undefined escalation policy \"nope\"")]
    public void InvalidEscalationConfig_IsRefusedNamingTheProblem(string extra, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Base + "\n" + extra, "t.yaml"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PagerDutyPolicyKey_AddsABuiltInRouteAndReceiver()
    {
        var config = ConfigLoader.Load(Base + "\nescalation_policies: [{name: ops, levels: [{targets: [{person: a}]}]}]\npagerduty: {routing_keys: {K: {policy: ops}}}", "t.yaml");
        var route = config.Route.Routes[0];
        Assert.Equal("vigil-policy/ops", route.Receiver);
        Assert.Equal("ops", Assert.Single(config.FindReceiver("vigil-policy/ops")!.VigilConfigs).Policy);
    }
}
