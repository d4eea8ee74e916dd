using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Actions;

/// <summary>The action endpoints refuse bad input with a 4xx naming the field, and keep agent and API tokens apart.</summary>
public sealed class AgentActionApiTests
{
    [Theory]
    [InlineData("""{"action":"mount-all"}""", "reason:")]
    [InlineData("""{"action":"Mount All","reason":"x"}""", "action:")]
    [InlineData("""{"reason":"x"}""", "action:")]
    [InlineData("""{"action":"mount-all","reason":"x","expiresIn":"11m"}""", "expiresIn:")]
    [InlineData("""{"action":"mount-all","reason":"x","expiresIn":"soon"}""", "expiresIn:")]
    [InlineData("""{"action":"mount-all","reason":"x","command":"rm -rf /"}""", "command")]
    public async Task RequestWithBadInput_IsRefusedWith400NamingTheField(string body, string field)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        await ActionClient.ReportOnceAsync(vigil, "web-1");

        var response = await ActionClient.PostAsync(vigil.Http, "web-1", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("[]", await vigil.Http.GetStringAsync("api/v1/hosts/web-1/actions"));
    }

    [Fact]
    public async Task RequestForAHostThatNeverReported_IsRefusedWith404()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var response = await ActionClient.PostAsync(vigil.Http, "ghost-1", """{"action":"reboot","reason":"x"}""");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ghost-1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadToken_CannotRequestAnAction_AndAnAgentTokenCanNeitherRequestNorUseAnotherHostsRequests()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var web1 = await ActionClient.ReportOnceAsync(vigil, "web-1");
        var web2 = await ActionClient.ReportOnceAsync(vigil, "web-2");
        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));
        using var asAgent = vigil.CreateClient(web1);

        Assert.Equal(HttpStatusCode.Forbidden, (await ActionClient.PostAsync(reader, "web-1", """{"action":"reboot","reason":"x"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ActionClient.PostAsync(asAgent, "web-1", """{"action":"reboot","reason":"x"}""")).StatusCode);
        var id = (await ActionClient.RequestAsync(vigil, "web-2", "reboot"))["id"]!.ToString();
        Assert.Empty(await ActionClient.PollAsAgentAsync(vigil, web1, wait: "0s"));
        var running = await asAgent.PostAsync($"api/v1/agents/actions/{id}", new StringContent("""{"state":"running"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, running.StatusCode);
        using var adminPolls = new HttpRequestMessage(HttpMethod.Get, "api/v1/agents/actions");
        Assert.Equal(HttpStatusCode.Unauthorized, (await vigil.Http.SendAsync(adminPolls)).StatusCode);
        Assert.Single(await ActionClient.PollAsAgentAsync(vigil, web2, wait: "0s"));
    }

    [Fact]
    public async Task AgentReport_WithBadInput_IsRefusedWith400_AndAStartAfterExpiryWith409()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var token = await ActionClient.ReportOnceAsync(vigil, "web-1");
        using var asAgent = vigil.CreateClient(token);
        var id = (await ActionClient.RequestAsync(vigil, "web-1", "mount-all"))["id"]!.ToString();
        Assert.Single(await ActionClient.PollAsAgentAsync(vigil, token, wait: "0s"));

        var bad = await asAgent.PostAsync($"api/v1/agents/actions/{id}", new StringContent("""{"state":"refused"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("reason:", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var started = await asAgent.PostAsync($"api/v1/agents/actions/{id}", new StringContent("""{"state":"running","message":"go"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var done = await asAgent.PostAsync($"api/v1/agents/actions/{id}", new StringContent("""{"state":"failed","exitCode":32,"output":"mount: /data: can't find UUID"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var again = await asAgent.PostAsync($"api/v1/agents/actions/{id}", new StringContent("""{"state":"running"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var detail = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/hosts/web-1/actions/{id}"))!;
        Assert.Equal("failed", ActionClient.State(detail));
        Assert.Equal(32, detail["action"]!["exitCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task AgentKey_IsTheKeyTokenCreationPrints()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var (_, serverKey) = await ActionAgent.CreateTokenAsync(vigil, "web-1");
        var key = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/agents/key"))!;
        Assert.Equal(serverKey, key["serverKey"]!.ToString());
        using var anonymous = vigil.CreateClient(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/agents/key")).StatusCode);
    }
}
