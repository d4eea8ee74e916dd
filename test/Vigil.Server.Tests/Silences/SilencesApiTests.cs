using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Silences;

/// <summary>Alertmanager API v2 silences on the real server, both engines: create, read, update, expire, guardrails, audit.</summary>
public sealed class SilencesApiTests
{
    internal static string Body(string matchers, TimeSpan start, TimeSpan end, string? id = null, string createdBy = "alice", string comment = "patching")
    {
        var now = TimeProvider.System.GetUtcNow();
        var idPart = id is null ? "" : $"\"id\":\"{id}\",";
        return $$"""{{{idPart}}"matchers":{{matchers}},"startsAt":"{{(now + start):O}}","endsAt":"{{(now + end):O}}","createdBy":"{{createdBy}}","comment":"{{comment}}"}""";
    }

    internal const string Foo = """[{"name":"alertname","value":"Foo","isRegex":false}]""";

    internal static Task<HttpResponseMessage> PostAsync(HttpClient http, string body) =>
        http.PostAsync("api/v2/silences", new StringContent(body, Encoding.UTF8, "application/json"));

    internal static async Task<string> CreateAsync(HttpClient http, string body)
    {
        var response = await PostAsync(http, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["silenceID"]!.ToString();
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Silence_CreatedThenRead_InAlertmanagersShape_AndMutesItsAlert(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var id = await CreateAsync(vigil.Http, Body(Foo, TimeSpan.Zero, TimeSpan.FromHours(2)));
        Assert.True(Guid.TryParse(id, out _));

        var silence = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v2/silence/{id}"))!;
        Assert.Equal(id, silence["id"]!.ToString());
        Assert.Equal("active", silence["status"]!["state"]!.ToString());
        Assert.Equal("alice", silence["createdBy"]!.ToString());
        Assert.Equal("""[{"isEqual":true,"isRegex":false,"name":"alertname","value":"Foo"}]""", silence["matchers"]!.ToJsonString());
        Assert.Single(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/silences?filter=alertname%3D%22Foo%22"))!.AsArray());
        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/silences?filter=alertname%3DBar"))!.AsArray());

        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Foo"}},{"labels":{"alertname":"Bar"}}]""");
        var alerts = await vigil.GetAlertsAsync();
        var foo = alerts.Single(a => a!["labels"]!["alertname"]!.ToString() == "Foo")!;
        Assert.Equal("suppressed", foo["status"]!["state"]!.ToString());
        Assert.Equal(id, foo["status"]!["silencedBy"]![0]!.ToString());
        Assert.Equal("active", alerts.Single(a => a!["labels"]!["alertname"]!.ToString() == "Bar")!["status"]!["state"]!.ToString());

        await vigil.RestartAsync();
        Assert.Equal("suppressed", (await vigil.GetAlertsAsync("?filter=alertname%3DFoo"))[0]!["status"]!["state"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Update_KeepsIdWhenAllowed_ElseExpiresOldAndIssuesNew(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var id = await CreateAsync(vigil.Http, Body(Foo, TimeSpan.Zero, TimeSpan.FromHours(1)));
        var silence = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v2/silence/{id}"))!;
        var startsAt = silence["startsAt"]!.ToString();

        // Same matchers, same start, later end: updated in place.
        var extended = $$"""{"id":"{{id}}","matchers":{{Foo}},"startsAt":"{{startsAt}}","endsAt":"{{TimeProvider.System.GetUtcNow().AddHours(3):O}}","createdBy":"alice","comment":"longer"}""";
        Assert.Equal(id, await CreateAsync(vigil.Http, extended));
        Assert.Equal("longer", JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v2/silence/{id}"))!["comment"]!.ToString());

        // Different matchers: a new id, and the old one is expired.
        var bar = """[{"name":"alertname","value":"Bar","isRegex":false}]""";
        var newId = await CreateAsync(vigil.Http, Body(bar, TimeSpan.Zero, TimeSpan.FromHours(1), id));
        Assert.NotEqual(id, newId);
        Assert.Equal("expired", JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v2/silence/{id}"))!["status"]!["state"]!.ToString());

        // Unknown id: 404 with Alertmanager's text.
        var unknown = await PostAsync(vigil.Http, Body(Foo, TimeSpan.Zero, TimeSpan.FromHours(1), Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("\"silence not found\"", (await unknown.Content.ReadAsStringAsync()).Trim());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Delete_Expires_UnknownIs404_ExpiredIsANoOp(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var id = await CreateAsync(vigil.Http, Body(Foo, TimeSpan.Zero, TimeSpan.FromHours(1)));
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Foo"}}]""");
        Assert.Equal("suppressed", (await vigil.GetAlertsAsync())[0]!["status"]!["state"]!.ToString());

        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.DeleteAsync($"api/v2/silence/{id}")).StatusCode);
        Assert.Equal("expired", JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v2/silence/{id}"))!["status"]!["state"]!.ToString());
        Assert.Equal("active", (await vigil.GetAlertsAsync())[0]!["status"]!["state"]!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.DeleteAsync($"api/v2/silence/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.DeleteAsync($"api/v2/silence/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.GetAsync($"api/v2/silence/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await vigil.Http.GetAsync("api/v2/silence/not-a-uuid")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Guardrails_RefuseWith400NamingTheProblem_AndChangeNothing(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var cases = new (string Body, string Expected)[]
        {
            (Body(Foo, TimeSpan.Zero, TimeSpan.FromHours(72)), "more than silences.max_duration (24h)"),
            (Body(Foo, TimeSpan.Zero, TimeSpan.FromHours(1), createdBy: " "), "createdBy is required"),
            (Body(Foo, TimeSpan.Zero, TimeSpan.FromHours(1), comment: ""), "comment is required"),
            (Body("""[{"name":"alertname","value":".*","isRegex":true}]""", TimeSpan.Zero, TimeSpan.FromHours(1)), "silence invalid: at least one matcher must not match the empty string"),
            (Body("""[{"name":"alertname","value":".+","isRegex":true}]""", TimeSpan.Zero, TimeSpan.FromHours(1)), "match every alert"),
            (Body(Foo, TimeSpan.FromHours(-3), TimeSpan.FromHours(-2)), "Failed to create silence: end time can't be in the past"),
            (Body(Foo, TimeSpan.FromHours(2), TimeSpan.FromHours(1)), "Failed to create silence: start time must be before end time"),
            (Body("""[{"name":"alertname","value":"(","isRegex":true}]""", TimeSpan.Zero, TimeSpan.FromHours(1)), "silence invalid: invalid label matcher 0: invalid regular expression"),
            ("{", "parsing silence body"),
        };
        foreach (var (body, expected) in cases)
        {
            var response = await PostAsync(vigil.Http, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var missing = await PostAsync(vigil.Http, """{"matchers":[{"name":"a","value":"b","isRegex":false}],"startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-01T01:00:00Z","comment":"x"}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("createdBy in body is required", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/silences"))!.AsArray());
        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/audit?type=silence"))!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task EveryChange_IsInTheAuditLog_WithWhoMadeIt(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        using var bob = vigil.CreateClient(await vigil.CreateTokenAsync("write"));
        var id = await CreateAsync(vigil.Http, Body(Foo, TimeSpan.Zero, TimeSpan.FromHours(1)));
        var startsAt = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v2/silence/{id}"))!["startsAt"]!.ToString();
        await CreateAsync(vigil.Http, $$"""{"id":"{{id}}","matchers":{{Foo}},"startsAt":"{{startsAt}}","endsAt":"{{TimeProvider.System.GetUtcNow().AddHours(2):O}}","createdBy":"alice","comment":"later"}""");
        Assert.True((await bob.PostAsync($"api/v1/silences/{id}/approve", null)).IsSuccessStatusCode);
        Assert.True((await bob.DeleteAsync($"api/v2/silence/{id}")).IsSuccessStatusCode);

        var entries = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/audit?type=silence&id={id}"))!.AsArray();
        Assert.Equal(["expire", "approve", "update", "create"], entries.Select(e => e!["action"]!.ToString()));
        var admin = entries[3]!["actor"]!.ToString();
        Assert.Equal(admin, entries[2]!["actor"]!.ToString());
        Assert.NotEqual(admin, entries[1]!["actor"]!.ToString());
        Assert.Equal(entries[1]!["actor"]!.ToString(), entries[0]!["actor"]!.ToString());
        Assert.Equal("127.0.0.1", entries[0]!["client"]!.ToString());
        Assert.Null(entries[3]!["before"]);
        Assert.Equal("patching", entries[2]!["before"]!["comment"]!.ToString());
        Assert.Equal("later", entries[2]!["after"]!["comment"]!.ToString());
        Assert.Equal("expired", entries[0]!["after"]!["state"]!.ToString());
    }
}
