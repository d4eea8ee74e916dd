using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Hosts;

/// <summary>Agent tokens: made by an admin, bound to one host, good for reporting only; reports are validated like any input.</summary>
public sealed class AgentReportAuthTests
{
    [Fact]
    public async Task Report_WithoutToken_Is401()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        using var anonymous = vigil.CreateClient(null);
        var response = await anonymous.PostAsync("api/v1/agents/report", new StringContent(ReportClient.Report("web-1", "b"), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Report_ForAnotherHost_Is403AndChangesNothing()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var token = await AgentRoot.CreateTokenAsync(vigil, "web-1");
        var response = await ReportClient.PostAsync(vigil.Http, token, ReportClient.Report("web-2", "b"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("web-1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/hosts"))!.AsArray());
    }

    [Fact]
    public async Task AdminToken_CannotReport_AndAgentToken_CannotReadTheApi()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var agentToken = await AgentRoot.CreateTokenAsync(vigil, "web-1");
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReportClient.PostAsync(vigil.Http, vigil.AdminToken, ReportClient.Report("web-1", "b"))).StatusCode);
        using var asAgent = vigil.CreateClient(agentToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asAgent.GetAsync("api/v1/hosts")).StatusCode);
    }

    [Fact]
    public async Task TokenCreation_NeedsAdmin()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        using var writer = vigil.CreateClient(await vigil.CreateTokenAsync("write"));
        var response = await writer.PostAsync("api/v1/agents/tokens", new StringContent("""{"host":"web-1"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"host":"web-1","bootId":"","uptimeSeconds":1,"intervalSeconds":10,"checks":[]}""", "bootId")]
    [InlineData("""{"host":"web-1","bootId":"b","uptimeSeconds":-1,"intervalSeconds":10,"checks":[]}""", "uptimeSeconds")]
    [InlineData("""{"host":"web-1","bootId":"b","uptimeSeconds":1,"intervalSeconds":10,"checks":[{"check":"mount","subject":{"host":"x"},"passed":false,"message":"m"}]}""", "checks[0].subject.host")]
    [InlineData("""{"host":"web-1","bootId":"b","uptimeSeconds":1,"intervalSeconds":10,"checks":[{"check":"Mount!","subject":{"a":"x"},"passed":false,"message":"m"}]}""", "checks[0].check")]
    [InlineData("""{"host":"web-1","bootId":"b","uptimeSeconds":1,"intervalSeconds":10,"checks":[],"extra":1}""", "extra")]
    [InlineData("""{"host":"web 1","bootId":"b","uptimeSeconds":1,"intervalSeconds":10,"checks":[]}""", "host")]
    public async Task Report_Invalid_Is400NamingTheField(string body, string field)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var token = await AgentRoot.CreateTokenAsync(vigil, "web-1");
        var response = await ReportClient.PostAsync(vigil.Http, token, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.ToString();
        Assert.Contains(field, detail, StringComparison.Ordinal);
    }
}
