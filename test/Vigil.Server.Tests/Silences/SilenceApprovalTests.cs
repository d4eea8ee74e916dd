using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Silences;

/// <summary>The customer-impact guardrail end to end: a silence covering a customer alert waits for a second person.</summary>
public sealed class SilenceApprovalTests
{
    private const string TeamWeb = """[{"name":"team","value":"web","isRegex":false}]""";

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Silence_CoveringCustomerAlert_WaitsForSecondApprover(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url, repeatInterval: "1s"));
        using var second = vigil.CreateClient(await vigil.CreateTokenAsync("write"));
        var id = await SilencesApiTests.CreateAsync(vigil.Http, SilencesApiTests.Body(TeamWeb, TimeSpan.Zero, TimeSpan.FromHours(1)));

        // Both alerts start firing after the silence was created.
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"SiteDown","impact":"customer","team":"web"}},{"labels":{"alertname":"CacheCold","team":"web"}}]""");

        // The customer alert keeps notifying (repeat_interval 1s); the internal one is muted at once.
        var messages = await hook.WaitForAsync(2);
        Assert.All(messages, m => Assert.Equal("SiteDown", m.Body["groupLabels"]!["alertname"]!.ToString()));
        var alerts = await vigil.GetAlertsAsync();
        Assert.Equal("active", State(alerts, "SiteDown"));
        Assert.Equal("suppressed", State(alerts, "CacheCold"));

        var native = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/silences/{id}"))!;
        Assert.True(native["approval"]!["required"]!.GetValue<bool>());
        Assert.Null(native["approval"]!["approvedBy"]);
        Assert.Equal("SiteDown", Assert.Single(native["heldBack"]!.AsArray())!["labels"]!["alertname"]!.ToString());

        // The creator cannot approve their own silence.
        var self = await vigil.Http.PostAsync($"api/v1/silences/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Contains("cannot also approve it", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A second identity approves: the customer alert is muted from now on.
        var approve = await second.PostAsync($"api/v1/silences/{id}/approve", null);
        Assert.True(approve.IsSuccessStatusCode, await approve.Content.ReadAsStringAsync());
        Assert.Equal("suppressed", State(await vigil.GetAlertsAsync(), "SiteDown"));
        native = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/silences/{id}"))!;
        Assert.Equal("write-token", native["approval"]!["approvedBy"]!.ToString());
        Assert.Empty(native["heldBack"]!.AsArray());
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsync($"api/v1/silences/{id}/approve", null)).StatusCode);

        // Nothing more is delivered once the next flush ran (the group re-evaluates muting every second).
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken); // a flush already queued may still arrive
        var settled = hook.Messages.Count;
        await hook.AssertStaysAtAsync(settled, TimeSpan.FromSeconds(2.5));
        Assert.DoesNotContain(hook.Messages, m => m.Body["groupLabels"]!["alertname"]!.ToString() == "CacheCold");
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Preview_ListsWhatWouldBeMuted_FlaggingCustomerImpact(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"SiteDown","impact":"customer","team":"web"}},{"labels":{"alertname":"CacheCold","team":"web"}},{"labels":{"alertname":"Other","team":"db"}}]""");
        var response = await vigil.Http.PostAsync("api/v1/silences/preview", new StringContent("""{"matchers":["team=web"]}""", Encoding.UTF8, "application/json"));
        var preview = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(preview["approvalRequired"]!.GetValue<bool>());
        Assert.Equal("CacheCold", Assert.Single(preview["mutedAtOnce"]!.AsArray())!["labels"]!["alertname"]!.ToString());
        var held = Assert.Single(preview["needApproval"]!.AsArray())!;
        Assert.True(held["customerImpact"]!.GetValue<bool>());

        var blanket = await vigil.Http.PostAsync("api/v1/silences/preview", new StringContent("""{"matchers":["alertname=~\".*\""]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, blanket.StatusCode);
        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/silences"))!.AsArray());
    }

    [Fact]
    public async Task CustomerLabel_IsConfigurable()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal + "\nsilences:\n  customer_label: tier=gold\n  max_duration: 48h\n");
        await SilencesApiTests.CreateAsync(vigil.Http, SilencesApiTests.Body(TeamWeb, TimeSpan.Zero, TimeSpan.FromHours(30)));
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A","tier":"gold","team":"web"}},{"labels":{"alertname":"B","impact":"customer","team":"web"}}]""");
        var alerts = await vigil.GetAlertsAsync();
        Assert.Equal("active", State(alerts, "A"));
        Assert.Equal("suppressed", State(alerts, "B"));
    }

    internal static string State(JsonArray alerts, string alertname) =>
        alerts.Single(a => a!["labels"]!["alertname"]!.ToString() == alertname)!["status"]!["state"]!.ToString();
}
