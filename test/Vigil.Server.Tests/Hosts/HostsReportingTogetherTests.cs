using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Hosts;

/// <summary>
/// Reports that arrive at the same moment: a plan's batch of hosts coming back from their reboots together (taken up side by
/// side, each host's own reports still one at a time).
/// </summary>
public sealed class HostsReportingTogetherTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task HostsBackFromTheirRebootsTogether_AreEachStoredWithTheirReboot_AndPageForTheirOwnUnmountedData_AlsoAfterARestart(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url));
        var hosts = Enumerable.Range(1, 30).Select(i => $"web-{i:D2}").ToArray();
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            tokens[host] = await AgentRoot.CreateTokenAsync(vigil, host);
            await ReportAsync(vigil, tokens[host], ReportClient.Report(host, $"{host}-a"));
        }
        // Every third host comes back without /data.
        var broken = hosts.Where((_, i) => i % 3 == 0).ToHashSet(StringComparer.Ordinal);

        await Task.WhenAll(hosts.Select(host => ReportAsync(vigil, tokens[host], ReportClient.Report(host, $"{host}-b", dataMounted: !broken.Contains(host)))));

        await AssertBackAsync(vigil, hosts, broken);
        var messages = await Eventually.GetAsync(() => Task.FromResult(hook.Messages),
            m => PostBootFailures(m).Count() == broken.Count, TimeSpan.FromSeconds(20));
        Assert.Equal(broken.Order(StringComparer.Ordinal), PostBootFailures(messages).Order(StringComparer.Ordinal));

        await vigil.RestartAsync();
        await AssertBackAsync(vigil, hosts, broken);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task OneHostsReportsArrivingTogether_AreTakenOneAtATime_SoItsRebootIsRecordedOnce(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var token = await AgentRoot.CreateTokenAsync(vigil, "lb-1");
        await ReportAsync(vigil, token, ReportClient.Report("lb-1", "boot-a"));

        // An agent retrying a report it thinks was lost, while the first is still being stored.
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => ReportAsync(vigil, token, ReportClient.Report("lb-1", "boot-b"))));

        var host = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/hosts/lb-1"))!;
        var reboot = Assert.Single(host["reboots"]!.AsArray());
        Assert.Equal("boot-a", reboot!["previousBootId"]!.ToString());
        Assert.Equal("boot-b", reboot["bootId"]!.ToString());
        Assert.Equal("boot-b", host["summary"]!["bootId"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AWaitForOneHostsNextReport_IsWokenByThatHostsReport_NotByAnothersReports(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var lb1 = await AgentRoot.CreateTokenAsync(vigil, "lb-1");
        var lb2 = await AgentRoot.CreateTokenAsync(vigil, "lb-2");
        await ReportAsync(vigil, lb1, ReportClient.Report("lb-1", "boot-a"));
        var hosts = vigil.Services.GetRequiredService<HostService>();

        // What a plan's wait for lb-1's new boot waits on.
        var next = hosts.NextReportOf("lb-1");
        await ReportAsync(vigil, lb2, ReportClient.Report("lb-2", "boot-x"));
        await ReportAsync(vigil, lb2, ReportClient.Report("lb-2", "boot-y"));
        Assert.False(next.IsCompleted);

        await ReportAsync(vigil, lb1, ReportClient.Report("lb-1", "boot-b"));
        await next.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal("boot-b", hosts.Get("lb-1")!.BootId);
    }

    private static async Task AssertBackAsync(VigilInstance vigil, string[] hosts, HashSet<string> broken)
    {
        foreach (var name in hosts)
        {
            var host = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/hosts/{name}"))!;
            Assert.Equal($"{name}-b", host["summary"]!["bootId"]!.ToString());
            Assert.Equal(broken.Contains(name) ? "failing" : "up", host["summary"]!["state"]!.ToString());
            var reboot = Assert.Single(host["reboots"]!.AsArray());
            Assert.Equal($"{name}-a", reboot!["previousBootId"]!.ToString());
            Assert.Equal(broken.Contains(name), reboot["verifiedAt"] is null);
        }
    }

    private static async Task ReportAsync(VigilInstance vigil, string token, string body)
    {
        var response = await ReportClient.PostAsync(vigil.Http, token, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<string> PostBootFailures(IEnumerable<WebhookCollector.Received> messages) =>
        messages.SelectMany(m => m.Body["alerts"]!.AsArray()).Select(a => a!)
            .Where(a => a["labels"]!["alertname"]!.ToString() == "PostBootCheckFailed" && a["status"]!.ToString() == "firing")
            .Select(a => a["labels"]!["host"]!.ToString()).Distinct();
}
