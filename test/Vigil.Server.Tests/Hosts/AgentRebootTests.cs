using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Hosts;

/// <summary>The seed outage, with the real agent process: a reboot after which /data is not mounted pages at the first report.</summary>
public sealed class AgentRebootTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Reboot_WithDataNotMounted_SendsPostBootCheckFailedForDataAtTheFirstReport(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url, groupInterval: "1h"));
        var token = await AgentRoot.CreateTokenAsync(vigil, "db-1");
        using var root = new AgentRoot();

        root.Boot("boot-a", dataMounted: true, uptimeSeconds: 86_400);
        var first = await root.RunAgentOnceAsync(vigil.Url, token, "db-1");
        Assert.True(first.ExitCode == 0, first.Output);

        root.Boot("boot-b", dataMounted: false);
        var second = await root.RunAgentOnceAsync(vigil.Url, token, "db-1");
        Assert.True(second.ExitCode == 0, second.Output);

        var messages = await Eventually.GetAsync(() => Task.FromResult(hook.Messages),
            m => AlertsNamed(m, "PostBootCheckFailed").Any(), TimeSpan.FromSeconds(20));
        var alert = Assert.Single(AlertsNamed(messages, "PostBootCheckFailed"));
        Assert.Equal("/data", alert["labels"]!["mountpoint"]!.ToString());
        Assert.Equal("db-1", alert["labels"]!["host"]!.ToString());
        Assert.Equal("mount", alert["labels"]!["check"]!.ToString());
        Assert.Equal("true", alert["annotations"]!["nofail"]!.ToString());

        var host = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/hosts/db-1"))!;
        var reboot = Assert.Single(host["reboots"]!.AsArray());
        Assert.Equal("boot-a", reboot!["previousBootId"]!.ToString());
        Assert.Null(reboot["verifiedAt"]);
        Assert.Equal("boot-b", host["pendingVerification"]!["bootId"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Reboot_WithEverythingMounted_IsVerifiedAtOnceAndPagesNobody(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url));
        var token = await AgentRoot.CreateTokenAsync(vigil, "db-2");
        using var root = new AgentRoot();
        root.Boot("boot-a", dataMounted: true);
        Assert.Equal(0, (await root.RunAgentOnceAsync(vigil.Url, token, "db-2")).ExitCode);
        root.Boot("boot-b", dataMounted: true);
        Assert.Equal(0, (await root.RunAgentOnceAsync(vigil.Url, token, "db-2")).ExitCode);

        var host = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/hosts/db-2"))!;
        Assert.NotNull(Assert.Single(host["reboots"]!.AsArray())!["verifiedAt"]);
        Assert.Equal("up", host["summary"]!["state"]!.ToString());
        Assert.Empty(hook.Messages);
    }

    private static IEnumerable<JsonNode> AlertsNamed(IEnumerable<WebhookCollector.Received> messages, string name) =>
        messages.SelectMany(m => m.Body["alerts"]!.AsArray()).Select(a => a!)
            .Where(a => a["labels"]!["alertname"]!.ToString() == name && a["status"]!.ToString() == "firing");
}
