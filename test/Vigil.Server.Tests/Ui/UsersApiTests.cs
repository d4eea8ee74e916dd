using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Oncall;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary><c>/api/v1/users</c> on a real server, both engines: what is stored, what is refused, what is audited.</summary>
public sealed class UsersApiTests
{
    private const string Password = "correct horse battery";

    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task CreateListChangeRemove_NeverShowsAHash_AndAuditsEachChangeWithTheActor(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, OnCallConfigs.Schedules());
        var created = await vigil.Http.PostAsJsonAsync("api/v1/users", new { name = "alice.r", role = "responder", password = Password, person = "alice" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadAsStringAsync();
        Assert.Equal("responder", JsonNode.Parse(body)!["role"]!.ToString());

        var changed = await vigil.Http.PatchAsJsonAsync("api/v1/users/alice.r", new { role = "admin", password = "a whole new passphrase", disabled = true });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var list = await vigil.Http.GetStringAsync("api/v1/users");
        var user = Assert.Single(JsonNode.Parse(list)!.AsArray())!;
        Assert.Equal("alice.r", user["name"]!.ToString());
        Assert.Equal("admin", user["role"]!.ToString());
        Assert.Equal("alice", user["person"]!.ToString());
        Assert.True(user["disabled"]!.GetValue<bool>());

        var unlinked = JsonNode.Parse(await (await vigil.Http.PatchAsJsonAsync("api/v1/users/alice.r", new { person = (string?)null })).Content.ReadAsStringAsync())!;
        Assert.Null(unlinked["person"]);
        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.DeleteAsync("api/v1/users/alice.r")).StatusCode);
        Assert.Equal("[]", await vigil.Http.GetStringAsync("api/v1/users"));

        var audit = await vigil.Http.GetStringAsync("api/v1/audit?type=user");
        var entries = JsonNode.Parse(audit)!.AsArray();
        Assert.Equal(["delete", "update", "update", "create"], entries.Select(e => e!["action"]!.ToString()));
        Assert.All(entries, e => Assert.Equal("admin", e!["actor"]!.ToString()));
        Assert.Equal("changed", entries[2]!["after"]!["password"]!.ToString());
        foreach (var text in new[] { body, list, audit })
        {
            Assert.DoesNotContain("AQAAAA", text, StringComparison.Ordinal); // the Identity v3 hash format's prefix
            Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task BadInput_IsRefusedWithA4xxNamingTheField_AndChangesNothing(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, OnCallConfigs.Schedules());
        Assert.Equal(HttpStatusCode.Created, (await vigil.Http.PostAsJsonAsync("api/v1/users", new { name = "bob", role = "viewer", password = Password })).StatusCode);
        var cases = new (HttpMethod Method, string Path, string Body, HttpStatusCode Status, string Detail)[]
        {
            (HttpMethod.Post, "api/v1/users", """{"name":"carol","role":"viewer","password":"short"}""", HttpStatusCode.BadRequest, "password: must be at least 12 characters"),
            (HttpMethod.Post, "api/v1/users", """{"name":"carol","role":"boss","password":"long enough pass"}""", HttpStatusCode.BadRequest, "role: must be viewer, responder or admin"),
            (HttpMethod.Post, "api/v1/users", """{"name":"no spaces","role":"viewer","password":"long enough pass"}""", HttpStatusCode.BadRequest, "name: must be 1 to 64"),
            (HttpMethod.Post, "api/v1/users", """{"name":"carol","role":"viewer","password":"long enough pass","person":"zed"}""", HttpStatusCode.BadRequest, "person: no person \"zed\""),
            (HttpMethod.Post, "api/v1/users", """{"name":7,"role":"viewer","password":"long enough pass"}""", HttpStatusCode.BadRequest, "name: must be a string"),
            (HttpMethod.Post, "api/v1/users", """[1]""", HttpStatusCode.BadRequest, "body: expected a JSON object"),
            (HttpMethod.Post, "api/v1/users", """{"name":"bob","role":"viewer","password":"long enough pass"}""", HttpStatusCode.Conflict, "name: a user named \"bob\" already exists"),
            (HttpMethod.Patch, "api/v1/users/bob", """{"disabled":"yes"}""", HttpStatusCode.BadRequest, "disabled: must be true or false"),
            (HttpMethod.Patch, "api/v1/users/bob", """{"password":"tiny"}""", HttpStatusCode.BadRequest, "password: must be at least 12"),
            (HttpMethod.Patch, "api/v1/users/bob", """{"name":"robert"}""", HttpStatusCode.BadRequest, "name: not a field of a user"),
            (HttpMethod.Patch, "api/v1/users/zed", """{"role":"admin"}""", HttpStatusCode.NotFound, "no user \"zed\""),
        };
        foreach (var c in cases)
        {
            using var response = await vigil.Http.SendAsync(new HttpRequestMessage(c.Method, c.Path) { Content = new StringContent(c.Body, System.Text.Encoding.UTF8, "application/json") });
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(c.Status == response.StatusCode, $"{c.Method} {c.Path} {c.Body}: {(int)response.StatusCode} {text}");
            Assert.Contains(c.Detail, JsonNode.Parse(text)!["detail"]!.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.DeleteAsync("api/v1/users/zed")).StatusCode);
        var bob = Assert.Single(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/users"))!.AsArray())!;
        Assert.Equal("viewer", bob["role"]!.ToString());
        Assert.False(bob["disabled"]!.GetValue<bool>());
        Assert.Single(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/audit?type=user"))!.AsArray());
    }

    [Fact]
    public async Task Users_NeedAnAdminToken()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        using var writer = vigil.CreateClient(await vigil.CreateTokenAsync("write"));
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync("api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PostAsJsonAsync("api/v1/users", new { name = "x", role = "admin", password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await vigil.CreateClient(null).GetAsync("api/v1/users")).StatusCode);
    }
}
