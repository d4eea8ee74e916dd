using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary>
/// As a new user would: a customer-facing probe against a stopped loopback port opens an incident by itself and the
/// commander's page arrives at their webhook (real server, real clock).
/// </summary>
public sealed class AutoOpenEndToEndTests
{
    [Fact]
    public async Task CustomerProbe_AgainstAStoppedPort_OpensASev1ByItself_AndPagesTheCommander()
    {
        await using var hook = await WebhookCollector.StartAsync();
        using var refusing = new RefusingPort();
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Webhook(hook.Url, extra: Extra(hook.Url, refusing.Port)));

        var incident = await Eventually.GetAsync(async () => (await ListAsync(vigil)).FirstOrDefault(), i => i is not null, TimeSpan.FromSeconds(30));
        Assert.NotNull(incident);
        Assert.Equal("SEV1", incident["severity"]!.ToString());
        Assert.Equal("Customers affected: shop down", incident["title"]!.ToString());
        Assert.Equal("auto_open:customer-impact", incident["openedBy"]!.ToString());
        Assert.Equal("alice", incident["commander"]!.ToString());

        var page = await Eventually.GetAsync(() => Task.FromResult(hook.Messages.FirstOrDefault(m => m.Path == "/webhook/alice")), m => m is not null,
            TimeSpan.FromSeconds(30));
        Assert.NotNull(page);
        Assert.Equal("alice", page.Body["person"]!.ToString());
        Assert.StartsWith($"SEV1 incident #{incident["id"]}: Customers affected: shop down", page.Body["page"]!["title"]!.ToString(), StringComparison.Ordinal);

        var id = incident["id"]!.GetValue<long>();
        var detail = await Eventually.GetAsync(async () => await IncidentClient.ShowAsync(vigil, id),
            d => d["timeline"]!.AsArray().Any(e => e!["source"]!.ToString() == "page" && e["kind"]!.ToString() == "notified"), TimeSpan.FromSeconds(30));
        var alert = Assert.Single(detail["alerts"]!.AsArray())!;
        Assert.Equal("ProbeFailed", alert["alertname"]!.ToString());
        Assert.True(alert["customer"]!.GetValue<bool>());
        var kinds = detail["timeline"]!.AsArray().Select(e => (e!["source"]!.ToString(), e["kind"]!.ToString())).ToList();
        Assert.Contains(("incident", "opened"), kinds);
        Assert.Contains(("alert", "firing"), kinds);
        Assert.Contains(("page", "triggered"), kinds);
        Assert.Contains(("page", "notified"), kinds);
        Assert.Single(await ListAsync(vigil)); // the probe keeps failing: still one incident
    }

    private static string Extra(string hookUrl, int closedPort) => $$"""
        probes:
          - name: shop
            tcp: {target: "127.0.0.1:{{closedPort}}"}
            interval: 1s
            timeout: 500ms
            fall: 1
            labels: {service: shop, impact: customer}
        people:
          - name: alice
            contact_methods: [{type: webhook, url: "{{hookUrl}}webhook/alice"}]
        incidents:
          commander: alice
          auto_open:
            - name: customer-impact
              matchers: ['impact="customer"']
              for: 2s
              severity: SEV1
              title: "Customers affected: {probe} down"
        """;

    private static async Task<JsonArray> ListAsync(VigilInstance vigil) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/incidents"))!.AsArray();
}
