using Vigil.Drill.Run;
using Vigil.Drill.Scenarios;

namespace Vigil.Drill.Tests.Run;

/// <summary>A receiver that is down: its notifications fail and are delivered when it is back; pages are not delayed.</summary>
public sealed class ReceiverDownTests
{
    private const string Scenario = """
        name: chat-outage
        start: 2026-03-02 09:00
        duration: 1h
        fleet:
          hosts:
            - {name: db-1, services: [postgresql]}
        vigil:
          route:
            receiver: chat
            group_wait: 30s
            routes:
              - {matchers: ['severity="critical"'], receiver: pager, continue: true}
              - {matchers: ['severity="critical"'], receiver: chat}
          receivers:
            - name: chat
              webhook_configs: [{url: "https://chat.example.invalid/hook"}]
            - name: pager
              vigil_configs: [{policy: ops}]
          people:
            - {name: kim, contact_methods: [{type: webhook, url: "https://pager.example.invalid/kim"}]}
          escalation_policies:
            - {name: ops, levels: [{targets: [{person: kim}], ack_timeout: 10m}]}
        faults:
          - {kind: receiver_down, receiver: chat, at: "+1m", until: "+20m"}
          - {kind: host_down, host: db-1, at: "+2m", until: "+40m"}

        """;

    [Fact]
    public void ANotificationToADownReceiver_IsDeliveredWhenItIsBack_WhileThePageGoesOutAtOnce()
    {
        var r = DrillRunner.Run(ScenarioReader.Read(Scenario, "chat-outage.yaml"), null, null);
        var start = r.Scenario.Start;

        var failing = r.Timeline.Where(e => e.Kind == "notify" && e.Text.StartsWith("chat:", StringComparison.Ordinal) && e.Text.Contains("the receiver is down", StringComparison.Ordinal)).ToList();
        var late = r.Timeline.Where(e => e.Kind == "notify" && e.Text.StartsWith("chat: delivered late", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(failing);
        Assert.All(failing, f => Assert.InRange(f.At, start.AddMinutes(1), start.AddMinutes(20)));
        Assert.Equal(failing.Count, late.Count);
        Assert.All(late, l => Assert.Equal(start.AddMinutes(20), l.At));
        var paged = r.Timeline.First(e => e.Kind == "paged");
        Assert.True(paged.At < start.AddMinutes(20), $"the page reached kim at {paged.At}");
    }
}
