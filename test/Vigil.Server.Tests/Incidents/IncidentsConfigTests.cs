using Vigil.Server.Config;
using Vigil.Server.Incidents;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary>The <c>incidents:</c> section: defaults, values, and errors naming the key.</summary>
public sealed class IncidentsConfigTests
{
    private const string Base = Configs.Minimal + """

        escalation_policies:
          - name: ops
            levels:
              - targets: [{person: alice}]
        people:
          - name: alice
          - name: bob

        """;

    [Fact]
    public void Absent_OpensNothing_PagesNobody_RemindsNobody()
    {
        var options = ConfigLoader.Load(Configs.Minimal, "t.yml").Incidents;
        Assert.Empty(options.AutoOpen);
        Assert.Empty(options.UpdateEvery);
        Assert.Null(options.Commander);
        Assert.Null(options.EscalationPolicy);
    }

    [Fact]
    public void Given_AreRead_WithRuleDefaults()
    {
        var options = ConfigLoader.Load(Base + """
            incidents:
              commander: alice
              escalation_policy: ops
              update_every: {SEV1: 30m, sev2: 1h}
              auto_open:
                - name: customer-impact
                  matchers: ['impact="customer"']
                  for: 30s
                  severity: SEV1
                  title: "Customers affected: {alertname}"
                  commander: bob
                - name: post-boot
                  matchers: ['alertname="PostBootCheckFailed"']
            """, "t.yml").Incidents;

        Assert.Equal(("alice", "ops"), (options.Commander, options.EscalationPolicy));
        Assert.Equal(TimeSpan.FromMinutes(30), options.UpdateEvery[IncidentSeverity.Sev1]);
        Assert.Equal(TimeSpan.FromHours(1), options.UpdateEvery[IncidentSeverity.Sev2]);
        var customer = options.AutoOpen[0];
        Assert.Equal(("customer-impact", TimeSpan.FromSeconds(30), IncidentSeverity.Sev1, "Customers affected: {alertname}", "bob"),
            (customer.Name, customer.For, customer.Severity, customer.Title, customer.Commander));
        var postBoot = options.AutoOpen[1];
        Assert.Equal((TimeSpan.Zero, IncidentSeverity.Sev3, "post-boot: {alertname}", (string?)null, (string?)null),
            (postBoot.For, postBoot.Severity, postBoot.Title, postBoot.Commander, postBoot.EscalationPolicy));
        Assert.True(postBoot.Matches(Vigil.Server.Labels.LabelSet.From([new("alertname", "PostBootCheckFailed")])));
    }

    [Fact]
    public void ConfigCheck_CountsTheAutoOpenRules()
    {
        var config = ConfigLoader.Load(Base + "incidents:\n  auto_open:\n    - name: a\n      matchers: ['x=\"y\"']\n", "t.yml");

        Assert.Contains(" - 1 incident auto-open rules", ConfigSummary.Lines(config));
    }

    [Theory]
    [InlineData("  commander: mallory", "incidents.commander", "undefined person")]
    [InlineData("  escalation_policy: nope", "incidents.escalation_policy", "undefined escalation policy")]
    [InlineData("  update_every: {SEV5: 1h}", "incidents.update_every.SEV5", "severity")]
    [InlineData("  update_every: {SEV1: 10s}", "incidents.update_every.SEV1", "at least 1m")]
    [InlineData("  auto_open:\n    - name: x", "incidents.auto_open[0]", "matchers: required")]
    [InlineData("  auto_open:\n    - name: x\n      matchers: ['a=\"b\"']\n      severity: SEV9", "incidents.auto_open[0].severity", "SEV1")]
    [InlineData("  auto_open:\n    - name: x\n      matchers: ['a=~\"(\"']", "incidents.auto_open[0].matchers[0]", "")]
    [InlineData("  auto_open:\n    - name: x\n      matchers: ['a=\"b\"']\n      for: 2d", "incidents.auto_open[0].for", "at most 1d")]
    [InlineData("  auto_open:\n    - name: x\n      matchers: ['a=\"b\"']\n    - name: x\n      matchers: ['a=\"c\"']", "incidents.auto_open[1]", "duplicate")]
    [InlineData("  auto_open:\n    - matchers: ['a=\"b\"']", "incidents.auto_open[0].name", "")]
    [InlineData("  auto_opn: []", "incidents.auto_opn", "")]
    public void Invalid_NamesTheKey(string lines, string key, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Base + "incidents:\n" + lines + "\n", "t.yml"));
        Assert.Equal(key, e.Key);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }
}
