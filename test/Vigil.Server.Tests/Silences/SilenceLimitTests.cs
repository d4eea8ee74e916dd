using System.Net;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Silences.SilencesApiTests;

namespace Vigil.Server.Tests.Silences;

/// <summary><c>server.limits.max_silences</c> counts active and pending silences: a new one past it gets 429; updates,
/// replacements and expiring go on, and an expired one makes room.</summary>
public sealed class SilenceLimitTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ANewSilencePastTheLimit_Gets429NamingIt_WhileUpdatesAndReplacementsGoOn(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + "\nserver:\n  limits:\n    max_silences: 2\n");
        var pending = await CreateAsync(vigil.Http, Body(On("Foo"), TimeSpan.FromHours(1), TimeSpan.FromHours(2)));
        var active = await CreateAsync(vigil.Http, Body(On("Bar"), TimeSpan.Zero, TimeSpan.FromHours(2)));

        var refused = await PostAsync(vigil.Http, Body(On("Baz"), TimeSpan.Zero, TimeSpan.FromHours(1)));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("\"exceeded maximum number of silences: 2 active or pending (limit: 2, server.limits.max_silences); expire one first\"\n",
            await refused.Content.ReadAsStringAsync());
        Assert.Equal(new[] { active, pending }.Order(), (await SilencesAsync(vigil)).Select(s => s["id"]!.ToString()).Order());

        // At the limit: an update in place keeps its id, a replacement expires the old one; neither adds a live silence.
        Assert.Equal(pending, await CreateAsync(vigil.Http, Body(On("Foo"), TimeSpan.FromHours(1), TimeSpan.FromHours(3), id: pending, comment: "longer")));
        var replacement = await CreateAsync(vigil.Http, Body(On("Baz"), TimeSpan.Zero, TimeSpan.FromHours(2), id: active));
        Assert.NotEqual(active, replacement);
        Assert.Equal(2, (await SilencesAsync(vigil)).Count(s => s["status"]!["state"]!.ToString() != "expired"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostAsync(vigil.Http, Body(On("Qux"), TimeSpan.Zero, TimeSpan.FromHours(1)))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.DeleteAsync($"api/v2/silence/{pending}")).StatusCode);
        await CreateAsync(vigil.Http, Body(On("Qux"), TimeSpan.Zero, TimeSpan.FromHours(1)));
        Assert.Equal(2, (await SilencesAsync(vigil)).Count(s => s["status"]!["state"]!.ToString() != "expired"));
    }

    private static string On(string alertname) => $$"""[{"name":"alertname","value":"{{alertname}}","isRegex":false}]""";

    private static async Task<List<JsonNode>> SilencesAsync(VigilInstance vigil) =>
        [.. JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/silences"))!.AsArray().Select(s => s!)];
}
