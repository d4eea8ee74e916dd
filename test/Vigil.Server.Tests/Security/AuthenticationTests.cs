using System.Net;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Security;

public sealed class AuthenticationTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task RequestWithoutToken_Gets401_AndOpenEndpointsStayOpen(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        using var anonymous = vigil.CreateClient(null);
        var response = await anonymous.GetAsync("api/v2/alerts");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await vigil.PostAlertsAsync("""[{"labels":{"a":"b"}}]""", anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("-/healthy")).StatusCode);
        // On PostgreSQL a node is ready from its first heartbeat, which may follow the start by a moment.
        var ready = await Eventually.GetAsync(() => anonymous.GetAsync("-/ready"), r => r.StatusCode != HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("metrics")).StatusCode);
        Assert.Empty(await vigil.GetAlertsAsync());
    }

    [Fact]
    public async Task WrongToken_Gets401()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        using var wrong = vigil.CreateClient("vgl_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("api/v2/status")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ReadToken_CanRead_ButWritesGet403(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("api/v2/alerts")).StatusCode);
        var post = await vigil.PostAlertsAsync("""[{"labels":{"a":"b"}}]""", reader);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("needs 'write'", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("-/reload", null)).StatusCode);
        Assert.Empty(await vigil.GetAlertsAsync());
    }

    [Fact]
    public async Task WriteToken_CanPostAlerts_ButNotCreateTokens()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        using var writer = vigil.CreateClient(await vigil.CreateTokenAsync("write"));
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync("""[{"labels":{"a":"b"}}]""", writer)).StatusCode);
        var create = await writer.PostAsync("api/v1/tokens", new StringContent("""{"scope":"admin"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task AdminTokenFile_IsOwnerOnly_AndOnlyItsHashIsStored()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var path = Path.Combine(vigil.Options.DataDir, "admin.token");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var db = await File.ReadAllBytesAsync(Path.Combine(vigil.Options.DataDir, "vigil.db"));
        Assert.DoesNotContain(vigil.AdminToken, System.Text.Encoding.UTF8.GetString(db), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoopbackIngest_WithoutToken_WorksOnlyWhenEnabled()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal + "\nserver:\n  allow_unauthenticated_loopback_ingest: true\n");
        using var anonymous = vigil.CreateClient(null);
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync("""[{"labels":{"a":"b"}}]""", anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v2/alerts")).StatusCode);
        Assert.Single(await vigil.GetAlertsAsync());
    }

    [Fact]
    public async Task BadTokenRequest_Gets400_NamingTheField()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var response = await vigil.Http.PostAsync("api/v1/tokens", new StringContent("""{"scope":"root"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("scope", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.ToString(), StringComparison.Ordinal);
    }
}
