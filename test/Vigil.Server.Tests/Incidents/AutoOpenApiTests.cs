using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary>Auto-open rules on both engines, on a fake clock: minimum duration, one incident per outage, later alerts
/// attached, the rule's severity and commander, and a new outage after the incident resolved.</summary>
public sealed class AutoOpenApiTests
{
    private static readonly DateTimeOffset Night = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task CustomerAlerts_OpenOneSev1AfterThirtySeconds_LaterOnesAttach_AndTheRulesPolicyIsPaged(string engine)
    {
        var clock = new FakeTimeProvider(Night);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Config(hook.Url), clock);

        await vigil.PostAlertsAsync(Alert("ShopDown", Night, ("impact", "customer")));
        await Eventually.GetAsync(async () => (await vigil.GetAlertsAsync()).Count, c => c == 1);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(await ListAsync(vigil));

        clock.Advance(TimeSpan.FromSeconds(1));
        var incident = (await Eventually.GetAsync(() => ListAsync(vigil), l => l.Count == 1)).Single()!;
        Assert.Equal(("SEV1", "Customers affected: ShopDown", "auto_open:customer-impact", "bob"),
            (incident["severity"]!.ToString(), incident["title"]!.ToString(), incident["openedBy"]!.ToString(), incident["commander"]!.ToString()));
        var id = incident["id"]!.GetValue<long>();
        await hook.WaitForAsync(1);
        Assert.Equal("/webhook/alice", hook.Messages[0].Path); // the rule's escalation policy ops pages alice, not the commander bob directly

        clock.Advance(TimeSpan.FromMinutes(5));
        await vigil.PostAlertsAsync(Alert("CheckoutDown", clock.GetUtcNow(), ("impact", "customer")));
        var detail = await Eventually.GetAsync(() => IncidentClient.ShowAsync(vigil, id), d => d["alerts"]!.AsArray().Count == 2);
        Assert.Equal(["ShopDown", "CheckoutDown"], detail["alerts"]!.AsArray().Select(a => a!["alertname"]!.ToString()));
        Assert.Single(await ListAsync(vigil));
        Assert.Contains(detail["timeline"]!.AsArray(), e => e!["kind"]!.ToString() == "link" && e["actor"]!.ToString() == "auto_open:customer-impact");
        Assert.Contains(detail["timeline"]!.AsArray(), e => e!["source"]!.ToString() == "page" && e["kind"]!.ToString() == "triggered");
        Assert.NotNull(detail["times"]!["firstPageAt"]);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task PostBootCheckFailed_OpensASev2At_Once_AndAfterItResolvesOnlyANewOutageOpensAnother(string engine)
    {
        var clock = new FakeTimeProvider(Night);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Config(hook.Url), clock);

        await vigil.PostAlertsAsync(Alert("PostBootCheckFailed", Night, ("host", "db-1")));
        var first = (await Eventually.GetAsync(() => ListAsync(vigil), l => l.Count == 1)).Single()!;
        Assert.Equal(("SEV2", "post-boot: PostBootCheckFailed", "carol"), (first["severity"]!.ToString(), first["title"]!.ToString(), first["commander"]!.ToString()));
        var message = (await hook.WaitForAsync(1))[0];
        Assert.Equal("/webhook/carol", message.Path); // the section's commander, paged directly
        Assert.StartsWith($"SEV2 incident #{first["id"]}", message.Body["page"]!["title"]!.ToString(), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(10));
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{first["id"]}/resolve", "{}");
        await vigil.PostAlertsAsync(Alert("PostBootCheckFailed", Night, ("host", "db-1"))); // the same outage, still firing
        await vigil.PostAlertsAsync(Alert("PostBootCheckFailed", clock.GetUtcNow(), ("host", "db-2")));
        var list = await Eventually.GetAsync(() => ListAsync(vigil), l => l.Count == 2);
        var second = list.First()!;
        var detail = await IncidentClient.ShowAsync(vigil, second["id"]!.GetValue<long>());
        var db2 = (await vigil.GetAlertsAsync()).Single(a => a!["labels"]!["host"]!.ToString() == "db-2")!["fingerprint"]!.ToString();
        Assert.Equal(db2, Assert.Single(detail["alerts"]!.AsArray())!["fingerprint"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AnAlertAPersonLinkedToAnIncident_IsNotTakenByARule(string engine)
    {
        var clock = new FakeTimeProvider(Night);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Config(hook.Url), clock);
        await vigil.PostAlertsAsync(Alert("ShopDown", Night, ("impact", "customer")));
        var first = await Eventually.GetAsync(async () => (await vigil.GetAlertsAsync()).FirstOrDefault()?["fingerprint"]?.ToString(), f => f is not null);
        var byHand = await IncidentClient.OpenAsync(vigil, $$"""{"title":"Shop down","severity":"SEV2","alerts":["{{first}}"]}""");

        clock.Advance(TimeSpan.FromSeconds(10));
        await vigil.PostAlertsAsync(Alert("CheckoutDown", clock.GetUtcNow(), ("impact", "customer")));
        await Eventually.GetAsync(async () => (await vigil.GetAlertsAsync()).Count, c => c == 2);
        clock.Advance(TimeSpan.FromSeconds(30)); // ShopDown has fired 40 s, CheckoutDown 30 s

        var list = await Eventually.GetAsync(() => ListAsync(vigil), l => l.Count == 2);
        var auto = list.Single(i => i!["id"]!.GetValue<long>() != byHand)!;
        Assert.Equal("Customers affected: CheckoutDown", auto["title"]!.ToString());
        var detail = await IncidentClient.ShowAsync(vigil, auto["id"]!.GetValue<long>());
        Assert.Equal("CheckoutDown", Assert.Single(detail["alerts"]!.AsArray())!["alertname"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AfterARestart_TheStillFiringOutage_KeepsItsOneIncident_AndNewAlertsAttachToIt(string engine)
    {
        var clock = new FakeTimeProvider(Night);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Config(hook.Url), clock);
        await vigil.PostAlertsAsync(Alert("ShopDown", Night.AddMinutes(-1), ("impact", "customer")));
        var id = (await Eventually.GetAsync(() => ListAsync(vigil), l => l.Count == 1)).Single()!["id"]!.GetValue<long>();
        await hook.WaitForAsync(1);

        await vigil.RestartAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        await vigil.PostAlertsAsync(Alert("ShopDown", Night.AddMinutes(-1), ("impact", "customer")));
        await vigil.PostAlertsAsync(Alert("CheckoutDown", clock.GetUtcNow(), ("impact", "customer")));

        var detail = await Eventually.GetAsync(() => IncidentClient.ShowAsync(vigil, id), d => d["alerts"]!.AsArray().Count == 2);
        Assert.Equal(["ShopDown", "CheckoutDown"], detail["alerts"]!.AsArray().Select(a => a!["alertname"]!.ToString()));
        Assert.Single(await ListAsync(vigil));
        Assert.Single(await EscalationPagesAsync(vigil)); // the commander was paged once, not again after the restart
    }

    private static async Task<JsonArray> EscalationPagesAsync(VigilInstance vigil) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/pages"))!.AsArray();

    private static string Config(string hookUrl) => $$"""
        route:
          receiver: none
        receivers:
          - name: none
        escalation_policies:
          - name: ops
            levels:
              - targets: [{person: alice}]
        people:
          - name: alice
            contact_methods: [{type: webhook, url: "{{hookUrl}}webhook/alice"}]
          - name: bob
            contact_methods: [{type: webhook, url: "{{hookUrl}}webhook/bob"}]
          - name: carol
            contact_methods: [{type: webhook, url: "{{hookUrl}}webhook/carol"}]
        incidents:
          commander: carol
          auto_open:
            - name: customer-impact
              matchers: ['impact="customer"']
              for: 30s
              severity: SEV1
              title: "Customers affected: {alertname}"
              commander: bob
              escalation_policy: ops
            - name: post-boot
              matchers: ['alertname="PostBootCheckFailed"']
              severity: SEV2
        """;

    private static string Alert(string name, DateTimeOffset startsAt, params (string Name, string Value)[] labels)
    {
        var all = new JsonObject { ["alertname"] = name };
        foreach (var (n, v) in labels)
        {
            all[n] = v;
        }
        return new JsonArray(new JsonObject { ["labels"] = all, ["startsAt"] = startsAt }).ToJsonString();
    }

    private static async Task<JsonArray> ListAsync(VigilInstance vigil) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/incidents"))!.AsArray();
}
