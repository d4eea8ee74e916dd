using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Maintenance;

/// <summary><c>server.limits.max_maintenance_windows</c> counts windows made through the API that have not ended; configured
/// windows are not counted, and ending one makes room.</summary>
public sealed class WindowLimitTests
{
    private static string Config => $"""
        route:
          receiver: none
        receivers:
          - name: none
        server:
          limits:
            max_maintenance_windows: 1
        maintenance:
          windows:
            - id: weekly-patching
              targets: ['host=~"app-.*"']
              expected: ['alertname="HostDown"']
              cron: '{MaintenanceClient.WeeklyCron}'
              duration: 2h
              time_zone: Europe/Berlin
              watcher: carol
              backup: dan
        """;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ANewWindowPastTheLimit_Gets429NamingIt_AndEndingOneMakesRoom(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config);
        var first = await CreateAsync(vigil, "lb-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["id"]!.ToString();

        var refused = await CreateAsync(vigil, "lb-2");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("1 maintenance windows are active or upcoming, the limit (server.limits.max_maintenance_windows) is 1; end one first",
            JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"]!.ToString());
        Assert.Equal(["weekly-patching", id], await IdsAsync(vigil));

        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.PostAsync($"api/v1/maintenance/{id}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(vigil, "lb-2")).StatusCode);
        Assert.Equal(3, (await IdsAsync(vigil)).Count);
    }

    private static Task<HttpResponseMessage> CreateAsync(VigilInstance vigil, string host)
    {
        var window = MaintenanceClient.LbWindow("1h");
        window["targets"] = new JsonArray($"host=\"{host}\"");
        return vigil.Http.PostAsync("api/v1/maintenance", new StringContent(window.ToJsonString(), Encoding.UTF8, "application/json"));
    }

    private static async Task<List<string>> IdsAsync(VigilInstance vigil) =>
        [.. JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/maintenance"))!.AsArray().Select(w => w!["id"]!.ToString())];
}
