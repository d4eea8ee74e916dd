using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Hosts;

/// <summary>
/// "Routine is measured", on a fake clock: a host that stops reporting is down after three intervals, and past its
/// learned reboot allowance raises RebootNonRoutine — even inside a window that expects HostDown for it.
/// </summary>
public sealed class HostSilenceTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task SilentHost_IsDownThenNonRoutinePastItsLearnedAllowance_EvenInAWindowExpectingHostDown(string engine)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 10, 22, 30, 0, TimeSpan.Zero));
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url, groupInterval: "1h"), clock);
        var token = await AgentRoot.CreateTokenAsync(vigil, "lb-1");

        // Learn, reporting every 20 s (down after 60 s): two reboots of 50 s each, so the allowance is 1.5 × 50 s = 75 s.
        await ReportAsync(vigil, token, "lb-1", "boot-1", 20);
        clock.Advance(TimeSpan.FromSeconds(50));
        await ReportAsync(vigil, token, "lb-1", "boot-2", 20);
        clock.Advance(TimeSpan.FromSeconds(20));
        await ReportAsync(vigil, token, "lb-1", "boot-2", 20);
        clock.Advance(TimeSpan.FromSeconds(50));
        await ReportAsync(vigil, token, "lb-1", "boot-3", 20);
        var summary = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/hosts/lb-1"))!["summary"]!;
        Assert.Equal(75, summary["rebootAllowanceSeconds"]!.GetValue<double>());
        Assert.Empty(hook.Messages);

        // The planned reboot, inside a window that expects HostDown for lb-1.
        var window = await vigil.Http.PostAsync("api/v1/maintenance", new StringContent("""
            {"targets":["host=\"lb-1\""],"expected":["alertname=~\"HostDown|RebootNonRoutine|HostCheckFailed\""],"start":"now","duration":"4h",
             "watcher":"alice","backup":"bob","announcement":"patching lb-1"}
            """, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, window.StatusCode);

        clock.Advance(TimeSpan.FromSeconds(61));
        await Eventually.GetAsync(() => vigil.GetAlertsAsync("?filter=alertname%3D%22HostDown%22"), a => a.Count == 1);
        var down = Assert.Single(await vigil.GetAlertsAsync("?filter=alertname%3D%22HostDown%22"));
        Assert.Equal("suppressed", down!["status"]!["state"]!.ToString());
        Assert.Empty(hook.Messages);

        clock.Advance(TimeSpan.FromSeconds(15)); // 76 s of silence: past the 75 s allowance
        var messages = await NudgeUntilAsync(clock, hook);
        var alert = Assert.Single(messages.SelectMany(m => m.Body["alerts"]!.AsArray()));
        Assert.Equal("RebootNonRoutine", alert!["labels"]!["alertname"]!.ToString());
        Assert.Equal("lb-1", alert["labels"]!["host"]!.ToString());
        Assert.Equal("75", alert["annotations"]!["allowance_seconds"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AHostThatReportsOften_IsDownOnTime_WhileTheMonitorSleepsUntilAHostThatReportsRarely(string engine)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 10, 22, 30, 0, TimeSpan.Zero));
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url, groupInterval: "1h"), clock);
        var rare = await AgentRoot.CreateTokenAsync(vigil, "batch-1");
        var often = await AgentRoot.CreateTokenAsync(vigil, "web-1");

        // batch-1 is due in three minutes; web-1's first report, made after it, is due in 15 s and must not wait for that.
        await ReportAsync(vigil, rare, "batch-1", "boot-1", 60);
        await Task.Delay(200);
        await ReportAsync(vigil, often, "web-1", "boot-1", 5);
        await Task.Delay(200);
        clock.Advance(TimeSpan.FromSeconds(16));

        var down = await Eventually.GetAsync(() => vigil.GetAlertsAsync("?filter=alertname%3D%22HostDown%22"), a => a.Count == 1);
        Assert.Equal("web-1", Assert.Single(down)!["labels"]!["host"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task HostWithoutHistory_GetsTheMinimumAllowance_AndReportingAgainResolvesDown(string engine)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 10, 22, 30, 0, TimeSpan.Zero));
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url, groupInterval: "1h",
            extra: "hosts:\n  min_reboot_allowance: 5m\n"), clock);
        var token = await AgentRoot.CreateTokenAsync(vigil, "app-1");
        await ReportAsync(vigil, token, "app-1", "boot-1");
        Assert.Equal(300, JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/hosts"))![0]!["rebootAllowanceSeconds"]!.GetValue<double>());

        clock.Advance(TimeSpan.FromSeconds(31));
        var down = Assert.Single((await NudgeUntilAsync(clock, hook)).SelectMany(m => m.Body["alerts"]!.AsArray()));
        Assert.Equal("HostDown", down!["labels"]!["alertname"]!.ToString());
        Assert.Equal("down", JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/hosts"))![0]!["state"]!.ToString());

        await ReportAsync(vigil, token, "app-1", "boot-2");
        var host = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/hosts/app-1"))!;
        Assert.InRange(Assert.Single(host["reboots"]!.AsArray())!["durationSeconds"]!.GetValue<double>(), 31, 45);
        var alerts = await Eventually.GetAsync(() => vigil.GetAlertsAsync("?filter=alertname%3D%22HostDown%22&active=true"), a => a.Count == 0);
        Assert.Empty(alerts);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AfterVigilItselfWasDown_ItsHostsAreNotDown_UntilTheyStaySilentForDownAfterSinceItStarted(string engine)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 10, 22, 30, 0, TimeSpan.Zero));
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url, groupInterval: "1h"), clock);
        var token = await AgentRoot.CreateTokenAsync(vigil, "app-1");
        await ReportAsync(vigil, token, "app-1", "boot-1");

        // Vigil is down for ten minutes; its hosts went on without it.
        await vigil.RestartAsync(whileStopped: () => clock.Advance(TimeSpan.FromMinutes(10)));
        await Task.Delay(500);
        Assert.Equal("up", JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/hosts"))![0]!["state"]!.ToString());
        Assert.Empty(await vigil.GetAlertsAsync("?filter=alertname%3D%22HostDown%22"));

        // Silent for down_after (3 × 10 s) since the restart: now it is down.
        clock.Advance(TimeSpan.FromSeconds(31));
        var down = Assert.Single((await NudgeUntilAsync(clock, hook)).SelectMany(m => m.Body["alerts"]!.AsArray()));
        Assert.Equal("HostDown", down!["labels"]!["alertname"]!.ToString());
        Assert.Equal("app-1", down["labels"]!["host"]!.ToString());
    }

    private static async Task ReportAsync(VigilInstance vigil, string token, string host, string bootId, double interval = 10)
    {
        var response = await ReportClient.PostAsync(vigil.Http, token, ReportClient.Report(host, bootId, interval: interval));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<IReadOnlyList<WebhookCollector.Received>> NudgeUntilAsync(FakeTimeProvider clock, WebhookCollector collector)
    {
        await ClockNudges.UntilAsync(clock, () => collector.Messages.Count > 0, TimeSpan.FromMilliseconds(100));
        return await collector.WaitForAsync(1);
    }
}
