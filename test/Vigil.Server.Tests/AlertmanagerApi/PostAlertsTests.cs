using System.Net;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.AlertmanagerApi;

/// <summary>POST /api/v2/alerts: status codes, texts and fingerprints as Alertmanager 0.25 gives them
/// (recorded from a real 0.25 instance), and nothing stored on bad input.</summary>
public sealed class PostAlertsTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ValidAlerts_AreStored_WithAlertmanagersFingerprints(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var response = await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Foo","a":"1"}},{"labels":{"a":"x"},"generatorURL":"http://x"}]""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var alerts = await vigil.GetAlertsAsync();
        Assert.Equal(["15c68f87056b9eba", "d2c7718192a8a294"], alerts.Select(a => a!["fingerprint"]!.ToString()));
        var first = alerts[0]!.AsObject();
        Assert.Equal(["annotations", "endsAt", "fingerprint", "receivers", "startsAt", "status", "updatedAt", "labels"], first.Select(p => p.Key));
        Assert.Equal("active", first["status"]!["state"]!.ToString());
        Assert.Equal("none", first["receivers"]![0]!["name"]!.ToString());
        Assert.Equal("http://x", alerts[1]!["generatorURL"]!.ToString());
    }

    [Theory]
    [InlineData("{bad", 400, "parsing alerts body failed")]
    [InlineData("""{"labels":{"a":"x"}}""", 400, "parsing alerts body failed")]
    [InlineData("""[{"labels":{"a":1}}]""", 400, "parsing alerts body failed")]
    [InlineData("""[{"labels":{"a":"x"},"startsAt":"nope"}]""", 400, "parsing alerts body failed")]
    [InlineData("""[{"annotations":{}}]""", 422, "0.labels in body is required")]
    [InlineData("""[{"labels":{}}]""", 400, "\"at least one label pair required\"")]
    [InlineData("""[{"labels":{"0bad":"x"}}]""", 400, "\"invalid label set: invalid name \\\"0bad\\\"\"")]
    [InlineData("""[{"labels":{"a":"x"},"startsAt":"2024-01-02T00:00:00Z","endsAt":"2024-01-01T00:00:00Z"}]""", 400, "\"start time must be before end time\"")]
    [InlineData("""[{"labels":{"a":"x"},"annotations":{"0b":"y"}}]""", 400, "\"invalid annotations: invalid name \\\"0b\\\"\"")]
    [InlineData("""[{"labels":{"a":"x"}},{"labels":{"b":""}}]""", 400, "\"at least one label pair required\"")]
    public async Task InvalidInput_IsRejected_WithAlertmanagersStatus_AndChangesNothing(string body, int status, string expectedText)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var response = await vigil.PostAlertsAsync(body);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expectedText, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await vigil.GetAlertsAsync());
    }

    [Fact]
    public async Task ZeroTimestamps_FromAmtool_MeanUnset()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var response = await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Z"},"startsAt":"0001-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z"}]""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = Assert.Single(await vigil.GetAlertsAsync())!;
        var starts = DateTimeOffset.Parse(alert["startsAt"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var ends = DateTimeOffset.Parse(alert["endsAt"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromMinutes(5), ends - starts); // resolve_timeout
    }

    [Fact]
    public async Task BodyOverTheLimit_Gets413()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal + "\nserver:\n  max_body_bytes: 1024\n");
        var big = "[" + string.Join(",", Enumerable.Range(0, 50).Select(i => "{\"labels\":{\"alertname\":\"A" + i + "\"}}")) + "]";
        var response = await vigil.PostAlertsAsync(big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("max_body_bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await vigil.GetAlertsAsync());
    }

    [Fact]
    public async Task BodyOverTheLimit_Gets413_OnEveryEndpoint()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal + "\nserver:\n  max_body_bytes: 1024\n");
        var big = "{\"scope\":\"read\",\"name\":\"" + new string('x', 4096) + "\"}";
        var response = await vigil.Http.PostAsync("api/v1/tokens", new StringContent(big, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ResentAlert_KeepsItsStart_AndMovesItsEnd()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var now = TimeProvider.System.GetUtcNow();
        string At(TimeSpan offset) => (now + offset).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await vigil.PostAlertsAsync($$"""[{"labels":{"alertname":"R"},"startsAt":"{{At(TimeSpan.FromMinutes(-10))}}"}]""");
        await vigil.PostAlertsAsync($$"""[{"labels":{"alertname":"R"},"startsAt":"{{At(TimeSpan.FromMinutes(-5))}}","endsAt":"{{At(TimeSpan.FromHours(1))}}"}]""");
        var alert = Assert.Single(await vigil.GetAlertsAsync())!;
        Assert.Equal(At(TimeSpan.FromMinutes(-10)), alert["startsAt"]!.ToString());
        Assert.Equal(At(TimeSpan.FromHours(1)), alert["endsAt"]!.ToString());
    }

    [Fact]
    public async Task ExplicitlyResolvedAlert_IsNotListed()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Gone"},"startsAt":"2020-01-01T00:00:00Z","endsAt":"2020-01-01T00:01:00Z"}]""");
        Assert.Empty(await vigil.GetAlertsAsync());
    }

    [Fact]
    public async Task Filters_SelectByMatchers_AndBadMatchersAre400()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A","env":"prod"}},{"labels":{"alertname":"B","env":"dev"}}]""");
        var prod = await vigil.GetAlertsAsync("?filter=" + Uri.EscapeDataString("env=\"prod\""));
        Assert.Equal("A", Assert.Single(prod)!["labels"]!["alertname"]!.ToString());
        var regex = await vigil.GetAlertsAsync("?filter=" + Uri.EscapeDataString("alertname=~\"A|B\"") + "&filter=" + Uri.EscapeDataString("env!=\"prod\""));
        Assert.Equal("B", Assert.Single(regex)!["labels"]!["alertname"]!.ToString());
        var bad = await vigil.Http.GetAsync("api/v2/alerts?filter=bad");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("\"bad matcher format: bad\"\n", await bad.Content.ReadAsStringAsync());
        Assert.Empty(await vigil.GetAlertsAsync("?active=false"));
    }

    [Fact]
    public async Task Groups_ShowEachGroupWithItsLabelsReceiverAndAlerts()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Webhook(hook.Url, groupWait: "1h"));
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A","host":"1"}},{"labels":{"alertname":"A","host":"2"}},{"labels":{"alertname":"B"}}]""");
        JsonArray groups = [];
        for (var i = 0; i < 50 && groups.Count < 2; i++)
        {
            await Task.Delay(50);
            groups = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/alerts/groups"))!.AsArray();
        }
        Assert.Equal(["A:2", "B:1"], groups.Select(g => $"{g!["labels"]!["alertname"]}:{g["alerts"]!.AsArray().Count}").Order());
        Assert.All(groups, g => Assert.Equal("hook", g!["receiver"]!["name"]!.ToString()));
        var onlyB = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/alerts/groups?filter=" + Uri.EscapeDataString("alertname=\"B\"")))!.AsArray();
        Assert.Single(onlyB);
    }

    [Fact]
    public async Task EndsAtWithoutStartsAt_IsAcceptedAsAResolvedAlert()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var response = await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Old"},"endsAt":"2020-01-01T00:00:00Z"}]""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await vigil.GetAlertsAsync());
    }
}
