using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Compatibility;

/// <summary>The same config and the same alerts, sent to a real Alertmanager 0.25 and to Vigil:
/// the webhooks each delivers (grouping, inhibition, resolved notifications) are the same.</summary>
public sealed class NotificationParityTests
{
    [Fact]
    public async Task GroupingInhibitionAndResolution_MatchAlertmanagers()
    {
        await using var amHook = await WebhookCollector.StartAsync();
        await using var vigilHook = await WebhookCollector.StartAsync();
        string Config(string url) => $"""
            route:
              receiver: hook
              group_by: [alertname]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: hook
                webhook_configs:
                  - url: {url}
            inhibit_rules:
              - source_matchers: ['severity="critical"']
                target_matchers: ['severity="warning"']
                equal: [host]
            """;
        using var am = await RealAlertmanager.StartAsync(Config(amHook.Url));
        var amHttp = am.Http;
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config(vigilHook.Url));

        async Task PostBoth(string body)
        {
            Assert.True((await amHttp.PostAsync("api/v2/alerts", new StringContent(body, Encoding.UTF8, "application/json"))).IsSuccessStatusCode);
            Assert.True((await vigil.PostAlertsAsync(body)).IsSuccessStatusCode);
        }

        await PostBoth("""
            [{"labels":{"alertname":"HostDown","severity":"critical","host":"lb-1"}},
             {"labels":{"alertname":"Latency","severity":"warning","host":"lb-1"}},
             {"labels":{"alertname":"Latency","severity":"warning","host":"lb-2"}},
             {"labels":{"alertname":"Latency","severity":"warning","host":"lb-3"}}]
            """);
        await amHook.WaitForAsync(2);
        await vigilHook.WaitForAsync(2);
        await Task.Delay(1500);
        Assert.Equal(Shape(amHook), Shape(vigilHook));

        var now = TimeProvider.System.GetUtcNow().ToString("O");
        await PostBoth($$"""[{"labels":{"alertname":"Latency","severity":"warning","host":"lb-2"},"endsAt":"{{now}}"}]""");
        await amHook.WaitForAsync(3);
        await vigilHook.WaitForAsync(3);
        await Task.Delay(2500);
        Assert.Equal(Shape(amHook), Shape(vigilHook));
    }

    /// <summary>What a receiver saw, without times and URLs: per message its group, status and alerts.</summary>
    private static List<string> Shape(WebhookCollector hook) =>
        hook.Messages.Select(m => string.Join(" | ",
            m.Body["version"], m.Body["groupKey"], m.Body["status"], m.Body["receiver"],
            m.Body["groupLabels"]!.ToJsonString(), m.Body["commonLabels"]!.ToJsonString(), m.Body["truncatedAlerts"],
            string.Join(", ", m.Body["alerts"]!.AsArray().Select(a => a!["status"] + a["labels"]!.ToJsonString() + a["fingerprint"])),
            string.Join(",", m.Body.Select(p => p.Key))))
        .Order(StringComparer.Ordinal)
        .ToList();
}
