using System.Net;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Incidents;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.StatusPage;

/// <summary>The public status page on both engines, read without a token as Statuspage clients read it.</summary>
public sealed class StatusPageApiTests
{
    private static readonly string[] ComponentStatuses = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"];

    internal static string Config(int closedPort) => $$"""
        route:
          receiver: none
        receivers:
          - name: none
        maintenance:
          receiver: none
        probes:
          - name: shop-home
            tcp: {target: "127.0.0.1:{{closedPort}}"}
            interval: 1s
            timeout: 500ms
            fall: 1
            labels: {impact: customer}
        status_page:
          name: Example Shop
          time_zone: America/Los_Angeles
          components:
            - name: Website
              description: The shop's pages
              probes: [shop-home]
            - name: API
              matchers: ['service="api"']
        """;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Summary_HasStatuspagesShape_AndItsBoundProbeFailingMakesTheComponentAMajorOutage(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config(ExternalTool.FreePort()));
        using var anonymous = new HttpClient { BaseAddress = new Uri(vigil.Url.TrimEnd('/') + "/") };

        var summary = await Eventually.GetAsync(async () => await GetAsync(anonymous, "status/summary.json"),
            s => Component(s, "Website")["status"]!.ToString() == "major_outage");
        Assert.Equal(["page", "components", "incidents", "scheduled_maintenances", "status"], Keys(summary));
        Assert.Equal(["id", "name", "url", "time_zone", "updated_at"], Keys(summary["page"]!));
        Assert.Equal(("Example Shop", "America/Los_Angeles", $"{vigil.Url.TrimEnd('/')}/status"),
            (summary["page"]!["name"]!.ToString(), summary["page"]!["time_zone"]!.ToString(), summary["page"]!["url"]!.ToString()));
        Assert.Equal(["indicator", "description"], Keys(summary["status"]!));
        Assert.Contains(summary["status"]!["indicator"]!.ToString(), new[] { "none", "minor", "major", "critical" });
        Assert.Equal("major", summary["status"]!["indicator"]!.ToString());
        foreach (var c in summary["components"]!.AsArray())
        {
            Assert.Equal(["id", "name", "status", "created_at", "updated_at", "position", "description", "showcase", "start_date", "group_id", "page_id", "group",
                "only_show_if_degraded"], Keys(c!));
            Assert.Contains(c!["status"]!.ToString(), ComponentStatuses);
            Assert.Equal(summary["page"]!["id"]!.ToString(), c["page_id"]!.ToString());
        }
        Assert.Equal("operational", Component(summary, "API")["status"]!.ToString());
        Assert.Equal("The shop's pages", Component(summary, "Website")["description"]!.ToString());

        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"ApiErrors","service":"api","severity":"warning"}}]""");
        var partial = await Eventually.GetAsync(async () => await GetAsync(anonymous, "status/components.json"),
            s => Component(s, "API")["status"]!.ToString() == "partial_outage");
        Assert.Equal(["page", "components"], Keys(partial));
        var status = await GetAsync(anonymous, "status/status.json");
        Assert.Equal(["page", "status"], Keys(status));
        Assert.Equal(("major", "Partial System Outage"), (status["status"]!["indicator"]!.ToString(), status["status"]!["description"]!.ToString()));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task OnlyPublicIncidents_Appear_WithTheUpdatesWrittenForCustomers_AndNothingPrivate(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config(ExternalTool.FreePort()));
        using var anonymous = new HttpClient { BaseAddress = new Uri(vigil.Url.TrimEnd('/') + "/") };
        var hidden = await IncidentClient.OpenAsync(vigil, """{"title":"Root password rotated on db-7","severity":"SEV3"}""");
        var shown = await IncidentClient.OpenAsync(vigil, """{"title":"Checkout unavailable","severity":"SEV1","summary":"internal: volume on db-7 not mounted"}""");
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{hidden}/notes", """{"text":"private note"}""", HttpStatusCode.Created);

        var refused = await anonymous.PostAsync($"api/v1/incidents/{shown}/public-updates", new StringContent("""{"body":"x"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var bad = await IncidentClient.RefusedAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{shown}/public-updates", """{"body":"x","components":["Nope"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("components: no component", bad.Body, StringComparison.Ordinal);
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{shown}/public-updates",
            """{"body":"We are investigating failed checkouts.","components":["Website"]}""", HttpStatusCode.Created);

        var unresolved = await Eventually.GetAsync(async () => await GetAsync(anonymous, "status/incidents/unresolved.json"), s => s["incidents"]!.AsArray().Count == 1);
        var incident = unresolved["incidents"]![0]!;
        Assert.Equal("Checkout unavailable", incident["name"]!.ToString());
        Assert.Equal(("investigating", "critical"), (incident["status"]!.ToString(), incident["impact"]!.ToString()));
        foreach (var key in new[] { "id", "name", "status", "created_at", "updated_at", "monitoring_at", "resolved_at", "impact", "shortlink", "started_at", "page_id",
            "incident_updates", "components" })
        {
            Assert.True(incident.AsObject().ContainsKey(key), key);
        }
        var update = incident["incident_updates"]![0]!;
        Assert.Equal("We are investigating failed checkouts.", update["body"]!.ToString());
        Assert.Equal("Website", update["affected_components"]![0]!["name"]!.ToString());
        foreach (var key in new[] { "id", "status", "body", "created_at", "updated_at", "display_at", "affected_components" })
        {
            Assert.True(update.AsObject().ContainsKey(key), key);
        }

        var everything = string.Join("\n", await Task.WhenAll(new[] { "status", "status/summary.json", "status/incidents/unresolved.json", "status/history.atom" }
            .Select(p => anonymous.GetStringAsync(p))));
        Assert.DoesNotContain("Root password", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("db-7", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("private note", everything, StringComparison.Ordinal);
        Assert.Contains("We are investigating failed checkouts.", await anonymous.GetStringAsync("status/history.atom"), StringComparison.Ordinal);
        Assert.Contains("Checkout unavailable", await anonymous.GetStringAsync("status"), StringComparison.Ordinal);

        var timeline = (await IncidentClient.ShowAsync(vigil, shown))["timeline"]!.AsArray();
        Assert.Contains(timeline, e => e!["source"]!.ToString() == "status" && e["text"]!.ToString() == "public update (investigating): We are investigating failed checkouts. [Website]");
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AnAnnouncedWindow_IsScheduledMaintenance_AndPutsTheComponentsItCoversUnderMaintenance(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config(ExternalTool.FreePort()));
        using var anonymous = new HttpClient { BaseAddress = new Uri(vigil.Url.TrimEnd('/') + "/") };
        var announced = """
            {"targets":["component=\"Website\""],"expected":["alertname=\"ProbeFailed\""],"start":"now","duration":"1h",
             "watcher":"alice","backup":"bob","announcement":"Database upgrade\nCheckout may be slow."}
            """;
        var silent = """{"targets":["service=\"api\""],"expected":["alertname=\"ApiErrors\""],"start":"now","duration":"1h","watcher":"alice","backup":"bob"}""";
        foreach (var window in new[] { announced, silent })
        {
            var created = await IncidentClient.SendAsync(vigil.Http, HttpMethod.Post, "api/v1/maintenance", window);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        var summary = await Eventually.GetAsync(async () => await GetAsync(anonymous, "status/summary.json"),
            s => Component(s, "Website")["status"]!.ToString() == "under_maintenance" && s["scheduled_maintenances"]!.AsArray().Count > 0);
        var maintenance = Assert.Single(summary["scheduled_maintenances"]!.AsArray())!;
        Assert.Equal(("Database upgrade", "in_progress", "maintenance"),
            (maintenance["name"]!.ToString(), maintenance["status"]!.ToString(), maintenance["impact"]!.ToString()));
        var from = maintenance["scheduled_for"]!.GetValue<DateTimeOffset>();
        Assert.Equal(from.AddHours(1), maintenance["scheduled_until"]!.GetValue<DateTimeOffset>());
        Assert.Equal(["Website"], maintenance["components"]!.AsArray().Select(c => c!["name"]!.ToString()));
        Assert.Equal("Database upgrade\nCheckout may be slow.", maintenance["incident_updates"]![0]!["body"]!.ToString());
        Assert.Equal("operational", Component(summary, "API")["status"]!.ToString());
        Assert.Equal(("none", "Service Under Maintenance"), (summary["status"]!["indicator"]!.ToString(), summary["status"]!["description"]!.ToString()));
        var upcoming = await GetAsync(anonymous, "status/scheduled-maintenances/upcoming.json");
        Assert.Equal(["page", "scheduled_maintenances"], Keys(upcoming));
    }

    private static async Task<JsonNode> GetAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static JsonNode Component(JsonNode doc, string name) => doc["components"]!.AsArray().Single(c => c!["name"]!.ToString() == name)!;

    private static string[] Keys(JsonNode node) => [.. node.AsObject().Select(p => p.Key)];
}
