using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Heartbeats;

/// <summary>Heartbeats on the real server: ping URLs without a token, HeartbeatMissing on a fake clock, pings kept across a restart.</summary>
public sealed class HeartbeatEndToEndTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task PingUrls_NeedNoToken_AndUnknownIdsAre404(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var hb = await CreateAsync(vigil, """{"name":"backup","period":"1h","grace":"5m","labels":{"team":"infra"}}""");
        using var anonymous = vigil.CreateClient(token: null);
        var id = hb["id"]!.ToString();
        foreach (var path in new[] { $"hb/{id}", $"hb/{id}/start", $"hb/{id}/fail" })
        {
            var get = await anonymous.GetAsync(path);
            Assert.Equal((HttpStatusCode.OK, "OK"), (get.StatusCode, await get.Content.ReadAsStringAsync()));
        }
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync($"hb/{id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"hb/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync($"hb/{Guid.NewGuid()}/fail", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/heartbeats")).StatusCode);
        var shown = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/heartbeats/backup"))!;
        Assert.Equal(("up", $"{vigil.Url.TrimEnd('/')}/hb/{id}"), (shown["state"]!.ToString(), shown["pingUrl"]!.ToString()));
        Assert.NotNull(shown["lastPingAt"]);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task NotPinged_RaisesHeartbeatMissing_AndAPingResolvesIt(string engine)
    {
        var clock = new FakeTimeProvider(T0);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url), clock);
        var id = (await CreateAsync(vigil, """{"name":"nightly","period":"1h","grace":"10m"}"""))["id"]!.ToString();

        clock.Advance(TimeSpan.FromMinutes(69));
        await Task.Delay(100);
        Assert.Empty(hook.Messages);
        clock.Advance(TimeSpan.FromMinutes(2));
        var firing = (await NudgeUntilAsync(clock, hook, 1))[0].Body["alerts"]![0]!;
        Assert.Equal(("HeartbeatMissing", "nightly"), (firing["labels"]!["alertname"]!.ToString(), firing["labels"]!["heartbeat"]!.ToString()));
        Assert.Equal("never pinged; expected by 2026-05-10T13:10:00Z", firing["annotations"]!["reason"]!.ToString());
        Assert.DoesNotContain(id, firing.ToJsonString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await vigil.CreateClient(null).GetAsync($"hb/{id}")).StatusCode);
        var resolved = (await NudgeUntilAsync(clock, hook, 2))[1].Body;
        Assert.Equal("resolved", resolved["status"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AStartWithoutFinish_RaisesHeartbeatMissing_SayingItStarted(string engine)
    {
        var clock = new FakeTimeProvider(T0);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url), clock);
        var id = (await CreateAsync(vigil, """{"name":"etl","period":"1d","grace":"15m"}"""))["id"]!.ToString();
        await vigil.CreateClient(null).PostAsync($"hb/{id}/start", null);
        clock.Advance(TimeSpan.FromMinutes(16));
        var firing = (await NudgeUntilAsync(clock, hook, 1))[0].Body["alerts"]![0]!;
        Assert.Equal("HeartbeatMissing", firing["labels"]!["alertname"]!.ToString());
        Assert.Equal("started at 2026-05-10T12:00:00Z and did not finish within 15m", firing["annotations"]!["reason"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Pings_SurviveARestart_AndConfigHeartbeatsCannotBeDeleted(string engine)
    {
        const string uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        var config = Configs.Minimal + $"\nheartbeats:\n  - name: cfg\n    uuid: {uuid}\n    period: 1h\n";
        await using var vigil = await VigilInstance.StartAsync(engine, config);
        var api = (await CreateAsync(vigil, """{"name":"api","cron":"0 2 * * *","timeZone":"Europe/Berlin"}"""))["id"]!.ToString();
        using (var anonymous = vigil.CreateClient(null))
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"hb/{uuid}/fail")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"hb/{api}")).StatusCode);
        }
        await vigil.RestartAsync();
        var list = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/heartbeats"))!.AsArray();
        Assert.Equal(["api", "cfg"], list.Select(h => h!["name"]!.ToString()));
        Assert.Equal(("up", "failed"), (list[0]!["state"]!.ToString(), list[1]!["state"]!.ToString()));
        Assert.NotNull(list[0]!["lastPingAt"]);
        Assert.Equal(HttpStatusCode.Conflict, (await vigil.Http.DeleteAsync("api/v1/heartbeats/cfg")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await vigil.Http.DeleteAsync($"api/v1/heartbeats/{api}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.CreateClient(null).GetAsync($"hb/{api}")).StatusCode);
    }

    [Fact]
    public async Task BadInput_Gets400_AndADuplicateName409()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(vigil, """{"name":"x"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(vigil, """{"name":"x","period":"1h","cron":"* * * * *"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(vigil, """{"name":"x","cron":"61 * * * *"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(vigil, """{"name":"x","period":"1h","colour":"red"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(vigil, """{"name":"x","period":"1h"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(vigil, """{"name":"x","period":"2h"}""")).StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(VigilInstance vigil, string json) =>
        vigil.Http.PostAsync("api/v1/heartbeats", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonNode> CreateAsync(VigilInstance vigil, string json)
    {
        var response = await PostAsync(vigil, json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    // A timer the server sets just after the test moved the clock waits for the next move: nudge a second at a time.
    private static async Task<IReadOnlyList<WebhookCollector.Received>> NudgeUntilAsync(FakeTimeProvider clock, WebhookCollector collector, int count)
    {
        await ClockNudges.UntilAsync(clock, () => collector.Messages.Count >= count, TimeSpan.FromSeconds(1));
        return await collector.WaitForAsync(count);
    }
}
