using Vigil.Server.Config;

namespace Vigil.Server.Tests.Config;

/// <summary>The "Found:" lines of <c>vigil config check</c>.</summary>
public sealed class ConfigSummaryTests
{
    [Fact]
    public void Summary_CountsTheFilesReceivers_NotTheOnesVigilAddsForPagerDutyPolicies()
    {
        var config = ConfigLoader.Load("""
            route:
              receiver: ops
            receivers:
              - name: ops
            escalation_policies:
              - name: ops
                levels:
                  - targets: [{person: alice}]
            people:
              - name: alice
            pagerduty:
              routing_keys:
                3f0c4d2e9b8a7f6e5d4c3b2a19081726: {policy: ops}
                9a21b3c4d5e6f708192a3b4c5d6e7f80: {route_labels: {team: web}}
            escalation:
              link_ttl: 24h
            """, "vigil.yaml");

        Assert.Equal(2, config.Receivers.Count); // the file's, and the built-in one that pages policy ops
        Assert.Equal(
            [" - global config", " - route", " - 0 inhibit rules", " - 1 receivers", " - 1 escalation policies", " - 2 PagerDuty routing keys",
             " - 1 people", " - Vigil settings: escalation", " - 0 templates"],
            ConfigSummary.Lines(config));
    }
}
