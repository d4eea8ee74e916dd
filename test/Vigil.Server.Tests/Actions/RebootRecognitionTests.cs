using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Contracts.Agents;
using Vigil.Server.Hosts;
using Vigil.Server.Tests.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Actions;

/// <summary>A reboot already done is recognised by the host's boot id, also when the server missed the moment.</summary>
public sealed class RebootRecognitionTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Reboot_WhoseNewBootTheServerSavedButNeverMatched_IsRecognisedAfterARestart(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var (token, _) = await ActionAgent.CreateTokenAsync(vigil, "lb-1");
        Assert.Equal(HttpStatusCode.OK, (await ReportClient.PostAsync(vigil.Http, token, ReportClient.Report("lb-1", "boot-a"))).StatusCode);
        var id = (await ActionClient.RequestAsync(vigil, "lb-1", "reboot", "kernel update"))["id"]!.ToString();
        Assert.Single(await ActionClient.PollAsAgentAsync(vigil, token, wait: "0s"));
        Assert.Equal(HttpStatusCode.OK, (await PostAsAgentAsync(vigil, token, id, """{"state":"running"}""")).StatusCode);

        // The crash window: the host's report with its new boot is saved, and the server dies before it looks at the reboot.
        var report = JsonSerializer.Deserialize<AgentReport>(ReportClient.Report("lb-1", "boot-b"), ContractJson.Options)!;
        await vigil.Services.GetRequiredService<HostService>().ReportAsync(report, TestContext.Current.CancellationToken);
        await vigil.RestartAsync();

        var detail = await ActionClient.WaitAsync(vigil, "lb-1", id);
        Assert.Equal("succeeded", ActionClient.State(detail));
        Assert.Equal("boot-b", detail["action"]!["newBootId"]!.ToString());
        Assert.Equal("vigil", detail["events"]!.AsArray().Last()!["actor"]!.ToString());
    }

    private static async Task<HttpResponseMessage> PostAsAgentAsync(VigilInstance vigil, string token, string id, string json)
    {
        using var http = vigil.CreateClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/agents/actions/{id}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
