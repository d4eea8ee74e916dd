using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Vigil.Server.Tests.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>
/// The Hosts pages in a real Chromium, with hosts that reported over HTTP as agents do, on a fake clock (started at the
/// real time, so the browser's session cookie stays valid): the list with each host's agent state, and one host's
/// checks, its pending post-boot verification and its reboot history as an SVG chart and a table.
/// </summary>
public sealed class HostsPageTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task HostsPage_ShowsEachAgentsState_AndAHostsChecks_PendingVerification_AndRebootDurationChart(string engine)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal, clock);
        var lb1 = await AgentRoot.CreateTokenAsync(vigil, "lb-1");
        var lb2 = await AgentRoot.CreateTokenAsync(vigil, "lb-2");
        var web1 = await AgentRoot.CreateTokenAsync(vigil, "web-1");
        await PostAsync(vigil, lb2, "lb-2", "boot-a");
        // lb-1 reboots three times in about 40 s (reporting every 10 s), then once for 200 s, and comes back without /data.
        await PostAsync(vigil, lb1, "lb-1", "boot-1");
        var boot = 1;
        foreach (var seconds in new[] { 40, 45, 42, 200 })
        {
            clock.Advance(TimeSpan.FromSeconds(seconds));
            boot++;
            await PostAsync(vigil, lb1, "lb-1", $"boot-{boot}", dataMounted: seconds < 100);
            if (seconds < 100)
            {
                clock.Advance(TimeSpan.FromSeconds(10));
                await PostAsync(vigil, lb1, "lb-1", $"boot-{boot}");
            }
        }
        await PostAsync(vigil, web1, "web-1", "boot-w");

        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(path: "/ui/hosts");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Hosts", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(Row(ui.Page, "lb-2")).ToContainTextAsync("down");
        await Assertions.Expect(Row(ui.Page, "lb-1")).ToContainTextAsync("failing");
        await Assertions.Expect(Row(ui.Page, "lb-1")).ToContainTextAsync("1 of 1 failing");
        await Assertions.Expect(Row(ui.Page, "web-1")).ToContainTextAsync("up");
        // Trouble first.
        await Assertions.Expect(ui.Page.Locator("#hosts-list tbody tr").First).ToContainTextAsync("lb-2");
        await ui.AssertAccessibleAsync();
        await MaintUiForms.AssertFitsAPhoneAsync(ui);

        await ui.Page.GetByLabel("State").SelectOptionAsync("down");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(ui.Page.Locator("#hosts-list tbody tr")).ToHaveCountAsync(1);
        Assert.Contains("state=down", ui.Page.Url, StringComparison.Ordinal);

        await ui.Page.GotoAsync("/ui/hosts");
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "lb-1", Exact = true }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Host lb-1", Level = 1 })).ToBeVisibleAsync();
        var checks = ui.Page.GetByRole(AriaRole.Table, new() { Name = "Checks" });
        await Assertions.Expect(checks).ToContainTextAsync("mountpoint=/data");
        await Assertions.Expect(checks).ToContainTextAsync("failing");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Region, new() { Name = "Post-boot verification" })).ToContainTextAsync("Pending since the reboot");

        var chart = ui.Page.GetByRole(AriaRole.Img, new() { Name = "Reboot durations of lb-1" });
        await Assertions.Expect(chart).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("4 reboot\\(s\\), longest 3 min.*1 ran past"));
        await Assertions.Expect(chart.Locator("title").First).ToContainTextAsync("Reboot durations of lb-1");
        await Assertions.Expect(chart.Locator("rect.bar")).ToHaveCountAsync(4);
        await Assertions.Expect(chart.Locator("rect.bar.over")).ToHaveCountAsync(1);
        await Assertions.Expect(chart.Locator("line.limit")).ToHaveCountAsync(1);
        var reboots = ui.Page.GetByRole(AriaRole.Table, new() { Name = "Reboots" });
        await Assertions.Expect(reboots.Locator("tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(reboots.Locator("tbody tr").First).ToContainTextAsync("over");
        await Assertions.Expect(reboots.Locator("tbody tr").First).ToContainTextAsync("3 min");
        await ui.AssertAccessibleAsync();
        await MaintUiForms.AssertFitsAPhoneAsync(ui);
        await ui.ScreenshotForDocsAsync("hosts", fullPage: true);
    }

    [Fact]
    public async Task HostsList_PagesLongLists_200ToAPage()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        for (var i = 0; i < 205; i++)
        {
            var host = $"node-{i:000}";
            await PostAsync(vigil, await AgentRoot.CreateTokenAsync(vigil, host), host, "boot-1");
        }
        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(path: "/ui/hosts");
        await Assertions.Expect(ui.Page.Locator("#hosts-list tbody tr")).ToHaveCountAsync(200);
        await Assertions.Expect(ui.Page.GetByText("Page 1 of 2")).ToBeVisibleAsync();
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(ui.Page.Locator("#hosts-list tbody tr")).ToHaveCountAsync(5);
        await Assertions.Expect(ui.Page.Locator("#hosts-list tbody tr").Last).ToContainTextAsync("node-204");
    }

    private static ILocator Row(IPage page, string host) =>
        page.Locator("#hosts-list tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = host, Exact = true }) });

    private static async Task PostAsync(VigilInstance vigil, string token, string host, string boot, bool dataMounted = true)
    {
        var response = await ReportClient.PostAsync(vigil.Http, token, ReportClient.Report(host, boot, dataMounted));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
