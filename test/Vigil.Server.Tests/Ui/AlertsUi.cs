using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>
/// The seed's night at 12:30 AM as data for the Alerts and Silences pages: customers failing at checkout (a
/// customer-impact alert), the secondary load balancer not back, the reboot running long, and a backend alert
/// inhibited by the load balancer being down.
/// </summary>
internal static class AlertsUi
{
    public const string Config = """
        route:
          receiver: ops
          group_by: [alertname]
          group_wait: 1h
          group_interval: 1h
        receivers:
          - name: ops
        inhibit_rules:
          - source_matchers: ['alertname="LoadBalancerDown"']
            target_matchers: ['alertname="BackendUnreachable"']
            equal: [site]
        """;

    /// <summary>A browser context as <see cref="UiBrowser.OpenAsync"/> opens it.</summary>
    public static Task<UiSession> OpenAsync(VigilInstance vigil, int width = 1280, int height = 720) => UiBrowser.OpenAsync(vigil, width, height);

    public static async Task PostNightAsync(VigilInstance vigil)
    {
        var starts = TimeProvider.System.GetUtcNow().AddMinutes(-4).ToString("O");
        string Alert(string labels, string summary) =>
            $$"""{"labels":{{{labels}}},"annotations":{"summary":"{{summary}}"},"startsAt":"{{starts}}"}""";
        var body = "[" + string.Join(",",
            Alert("\"alertname\":\"CheckoutFailing\",\"severity\":\"critical\",\"impact\":\"customer\",\"service\":\"checkout\"", "Customers cannot complete checkout"),
            Alert("\"alertname\":\"HostDown\",\"severity\":\"critical\",\"instance\":\"lb-2\",\"site\":\"east\"", "The secondary load balancer has not come back"),
            Alert("\"alertname\":\"HostDown\",\"severity\":\"critical\",\"instance\":\"cache-1\",\"site\":\"east\"", "Cache server down after reboot"),
            Alert("\"alertname\":\"RebootOverrun\",\"severity\":\"warning\",\"instance\":\"lb-1\",\"site\":\"east\"", "Reboot running past its usual length"),
            Alert("\"alertname\":\"LoadBalancerDown\",\"severity\":\"critical\",\"site\":\"east\"", "No load balancer answers"),
            Alert("\"alertname\":\"BackendUnreachable\",\"severity\":\"warning\",\"instance\":\"web-1\",\"site\":\"east\"", "web-1 unreachable from the load balancer")) + "]";
        (await vigil.PostAlertsAsync(body)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(() => vigil.GetAlertsAsync(), a => a.Count == 6);
    }

    /// <summary>A token for a second person, with a name (the UI shows who did what).</summary>
    public static async Task<string> TokenAsync(VigilInstance vigil, string name, string scope)
    {
        using var response = await vigil.Http.PostAsync("api/v1/tokens",
            new StringContent($$"""{"name":"{{name}}","scope":"{{scope}}"}""", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.ToString();
    }

    /// <summary>Creates a silence through Alertmanager's API (as amtool does); returns its id.</summary>
    public static async Task<string> SilenceAsync(VigilInstance vigil, string name, string value, string comment, TimeSpan? length = null)
    {
        var now = TimeProvider.System.GetUtcNow();
        var body = new JsonObject
        {
            ["matchers"] = new JsonArray(new JsonObject { ["name"] = name, ["value"] = value, ["isRegex"] = false, ["isEqual"] = true }),
            ["startsAt"] = now.ToString("O"),
            ["endsAt"] = now.Add(length ?? TimeSpan.FromHours(2)).ToString("O"),
            ["createdBy"] = "carol",
            ["comment"] = comment,
        };
        using var response = await vigil.Http.PostAsJsonAsync("api/v2/silences", body);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["silenceID"]!.ToString();
    }

    /// <summary>The alert's state as the API reports it (<c>active</c> or <c>suppressed</c>) and its silencedBy ids.</summary>
    public static async Task<(string State, string[] SilencedBy)> StatusAsync(VigilInstance vigil, string alertname)
    {
        var alerts = await vigil.GetAlertsAsync("?filter=" + Uri.EscapeDataString($"alertname=\"{alertname}\""));
        var status = alerts.Single()!["status"]!;
        return (status["state"]!.ToString(), [.. status["silencedBy"]!.AsArray().Select(n => n!.ToString())]);
    }
}
