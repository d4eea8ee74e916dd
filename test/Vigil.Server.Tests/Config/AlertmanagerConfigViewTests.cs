using Vigil.Server.Config;

namespace Vigil.Server.Tests.Config;

/// <summary>What <c>config.original</c> shows: the part of a configuration Alertmanager's own parser accepts.</summary>
public sealed class AlertmanagerConfigViewTests
{
    [Fact]
    public void AnAlertmanagerOnlyConfig_IsShownAsWritten_CommentsIncluded()
    {
        const string yaml = "# ours\nroute:\n  receiver: a   # the default\nreceivers:\n- name: a\n";
        Assert.Equal(yaml, AlertmanagerConfigView.Extract(yaml));
    }

    [Fact]
    public void VigilsOwnSectionsAndReceiverTypes_AreLeftOut_AndTheRestKept()
    {
        const string yaml = """
            route:
              receiver: oncall
              routes:
              - matchers: ['severity="critical"']
                receiver: hook
            receivers:
            - name: oncall
              vigil_configs: [{policy: ops}]
            - name: hook
              webhook_configs:
              - url: http://127.0.0.1:5001/<secret>
                send_resolved: yes
            escalation_policies:
            - name: ops
              levels: [{targets: [{person: alice}], ack_timeout: 5m}]
            people:
            - name: alice
            pools: []
            """;
        var view = AlertmanagerConfigView.Extract(yaml);
        foreach (var gone in new[] { "vigil_configs", "escalation_policies", "people", "pools", "alice" })
        {
            Assert.DoesNotContain(gone, view, StringComparison.Ordinal);
        }
        foreach (var kept in new[] { "receiver: oncall", "- name: oncall", "- name: hook", "url: http://127.0.0.1:5001/<secret>", "send_resolved: yes", "severity=\"critical\"" })
        {
            Assert.Contains(kept, view, StringComparison.Ordinal);
        }
    }
}
