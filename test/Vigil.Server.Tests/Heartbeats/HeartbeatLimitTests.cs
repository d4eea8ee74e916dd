using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Heartbeats;

/// <summary><c>server.limits.max_heartbeats</c> counts heartbeats made through the API (configured ones are not counted);
/// a heartbeat's labels are held to the alert label limits, since its alerts carry them.</summary>
public sealed class HeartbeatLimitTests
{
    private const string Config = """
        route:
          receiver: none
        receivers:
          - name: none
        server:
          limits:
            max_heartbeats: 1
            max_label_value_bytes: 16
        heartbeats:
          - name: cfg
            uuid: 0f8fad5b-d9cb-469f-a165-70867728950e
            period: 1h
        """;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ANewHeartbeatPastTheLimit_Gets429NamingIt_AndDeletingOneMakesRoom(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config);
        var first = await PostAsync(vigil, """{"name":"backup","period":"1h"}""");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var refused = await PostAsync(vigil, """{"name":"nightly","period":"1h"}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("1 heartbeats were made through the API, the limit (server.limits.max_heartbeats) is 1; delete one first", await DetailAsync(refused));
        Assert.Equal(["backup", "cfg"], await NamesAsync(vigil));

        Assert.Equal(HttpStatusCode.NoContent, (await vigil.Http.DeleteAsync("api/v1/heartbeats/backup")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(vigil, """{"name":"nightly","period":"1h"}""")).StatusCode);
        Assert.Equal(["cfg", "nightly"], await NamesAsync(vigil));
    }

    [Theory]
    [InlineData("""{"name":"backup","period":"1h","labels":{"team":"12345678901234567"}}""", "labels: label \"team\" has a value of 17 bytes, over the limit of 16 (server.limits.max_label_value_bytes)")]
    [InlineData("""{"name":"backup-of-the-db-17","period":"1h"}""", "labels: label \"heartbeat\" has a value of 19 bytes, over the limit of 16 (server.limits.max_label_value_bytes)")]
    public async Task LabelsOverTheAlertLimits_Get400_AndCreateNothing(string body, string detail)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config.Replace("max_heartbeats: 1", "max_heartbeats: 5", StringComparison.Ordinal));

        var response = await PostAsync(vigil, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, await DetailAsync(response));
        Assert.Equal(["cfg"], await NamesAsync(vigil));
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(vigil, """{"name":"backup","period":"1h","labels":{"team":"1234567890123456"}}""")).StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(VigilInstance vigil, string json) =>
        vigil.Http.PostAsync("api/v1/heartbeats", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.ToString();

    private static async Task<List<string>> NamesAsync(VigilInstance vigil) =>
        [.. JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/heartbeats"))!.AsArray().Select(h => h!["name"]!.ToString())];
}
