using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Maintenance;

/// <summary>Calls to <c>/api/v1/maintenance</c> and the config these tests start Vigil with.</summary>
internal static class MaintenanceClient
{
    /// <summary>
    /// The configured weekly window's schedule: 02:00 Berlin on the weekday three days from now, so that it is upcoming,
    /// never open, while a test runs. On a fixed Sunday it was open on Sundays 01:00–03:00 UTC, and its warning before
    /// its end reached the hooks of tests that count what they receive.
    /// </summary>
    public static string WeeklyCron => $"0 2 * * {(int)TimeProvider.System.GetUtcNow().AddDays(3).DayOfWeek}";

    /// <summary>Every alert to <c>hook</c>, grouped by alertname; a changed group waits an hour, so only an explicit flush is quick.</summary>
    public static string ConfigYaml(string hookUrl, string opsUrl, string warnBeforeEnd = "15m") => $"""
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: 0s
          group_interval: 1h
          repeat_interval: 4h
        receivers:
          - name: hook
            webhook_configs:
              - url: {hookUrl}
          - name: ops
            webhook_configs:
              - url: {opsUrl}
        maintenance:
          receiver: ops
          warn_before_end: {warnBeforeEnd}
          windows:
            - id: weekly-patching
              targets: ['host=~"app-.*"']
              expected: ['alertname="HostDown"']
              cron: '{WeeklyCron}'
              duration: 2h
              time_zone: Europe/Berlin
              watcher: carol
              backup: dan
        """;

    public static JsonObject LbWindow(string duration) => new()
    {
        ["targets"] = new JsonArray("host=\"lb-1\""),
        ["expected"] = new JsonArray("alertname=\"HostDown\""),
        ["start"] = "now",
        ["duration"] = duration,
        ["watcher"] = "alice",
        ["backup"] = "bob",
        ["announcement"] = "patching lb-1",
    };

    public static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(VigilInstance vigil, HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, "api/v1/maintenance" + path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        using var response = await vigil.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text.Length == 0 ? "{}" : text) as JsonObject ?? new JsonObject { ["items"] = JsonNode.Parse(text) });
    }

    public static async Task<string> CreateAsync(VigilInstance vigil, JsonObject window)
    {
        var (status, body) = await SendAsync(vigil, HttpMethod.Post, "", window);
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
        return body["id"]!.ToString();
    }

    public static async Task<JsonArray> GetArrayAsync(VigilInstance vigil, string path) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync(path))!.AsArray();

    /// <summary>The kinds of the window's occurrence events (started, warning, ended, overrun), once there are <paramref name="atLeast"/>;
    /// the <c>watcher_unchecked</c> note recorded at creation (no schedules configured) is left out.</summary>
    public static async Task<List<string>> EventKindsAsync(VigilInstance vigil, string id, int atLeast) =>
        (await Eventually.GetAsync(async () => Occurrence(await GetArrayAsync(vigil, $"api/v1/maintenance/{id}/events")), a => a.Count >= atLeast))
            .ToList();

    private static List<string> Occurrence(JsonArray events) =>
        [.. events.Select(e => e!["kind"]!.ToString()).Where(k => k != Vigil.Server.Maintenance.WindowEventKinds.WatcherUnchecked)];

    public static IEnumerable<JsonNode> AlertsIn(IEnumerable<WebhookCollector.Received> messages) =>
        messages.SelectMany(m => m.Body["alerts"]!.AsArray()).Select(a => a!);
}
