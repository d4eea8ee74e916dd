using System.Net;
using Microsoft.Playwright;
using Vigil.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Server.Tests.Ui;

/// <summary>The Pages view in a real Chromium: who was paged on which channel, acknowledging many at once, roles.</summary>
public sealed class PagesUiTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task PagesView_ShowsWhoWasNotified_AndAcknowledgingTheSelectedPagesStopsTheirEscalation(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, UiScenario.Config(hook.Url));
        await vigil.PostAlertsAsync(UiScenario.Alert("CheckoutDown", "critical"));
        await vigil.PostAlertsAsync(UiScenario.Alert("SearchSlow", "warning"));
        await Eventually.TrueAsync(async () => (await UiScenario.PagesAsync(vigil)).Count == 2 && hook.Messages.Count(m => m.Path == "/alice") == 2);

        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(path: "/ui/pages");
        var rows = ui.Page.Locator("#pages-list tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync("alice");
        await Expect(rows.First).ToContainTextAsync("by webhook");
        await ui.AssertAccessibleAsync();
        await ui.ScreenshotForDocsAsync("pages");

        await ui.Page.GetByLabel("Select page", new() { Exact = false }).First.CheckAsync();
        await ui.Page.GetByLabel("Select page", new() { Exact = false }).Nth(1).CheckAsync();
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge selected" }).ClickAsync();

        await Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Acknowledged 2 page(s)");
        var pages = await UiScenario.PagesAsync(vigil);
        Assert.All(pages, p => Assert.Equal("acknowledged", p!["state"]!.ToString()));
        Assert.All(pages, p => Assert.Equal("user:admin", p!["acknowledgedBy"]!.ToString()));
        await Expect(ui.Page.Locator("#pages-list tbody tr").First).ToContainTextAsync("acknowledged by user:admin");
    }

    [Fact]
    public async Task PagesView_LeftOpen_ShowsANewPageWithoutAReload()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", UiScenario.Config(hook.Url));
        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(path: "/ui/pages");
        await Expect(ui.Page.Locator("#pages-list")).ToContainTextAsync("No open pages");
        await ui.GotoLiveAsync("/ui/pages");
        await ui.Page.EvaluateAsync("() => { window.vigilNoReload = true; }");

        await vigil.PostAlertsAsync(UiScenario.Alert("CheckoutDown", "critical"));

        await Expect(ui.Page.Locator("#pages-list tbody tr")).ToHaveCountAsync(1);
        await Expect(ui.Page.Locator("#pages-list")).ToContainTextAsync("CheckoutDown");
        Assert.True(await ui.Page.EvaluateAsync<bool>("() => window.vigilNoReload === true"), "the page was reloaded rather than updated");
    }

    [Fact]
    public async Task PageDetail_AViewerSeesTheHistory_ButTheServerRefusesTheirAcknowledgement()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", UiScenario.Config(hook.Url));
        await vigil.PostAlertsAsync(UiScenario.Alert("CheckoutDown", "critical"));
        await Eventually.TrueAsync(async () => (await UiScenario.PagesAsync(vigil)).Count == 1);
        var id = (long)(await UiScenario.PagesAsync(vigil))[0]!["id"]!;
        var viewer = await UiScenario.TokenAsync(vigil, "vera", "read");

        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(viewer, $"/ui/pages/{id}");
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("CheckoutDown");
        await Expect(ui.Page.Locator("#page-history")).ToContainTextAsync("triggered");
        await Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);
        await ui.AssertAccessibleAsync();

        // The page renders no acknowledge form for a viewer, so a crafted post names a form that is not there (400);
        // the bulk form on the list is rendered for everyone, and its handler refuses the viewer (403).
        var crafted = await ui.PostFormAsync($"/ui/pages/{id}", "page-ack");
        Assert.Equal((int)HttpStatusCode.BadRequest, crafted.Status);
        await ui.Page.GotoAsync("/ui/pages");
        var refused = await ui.PostFormAsync("/ui/pages?state=open", "page-bulk", new() { ["Op"] = "ack", ["Selected"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal((int)HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("cannot acknowledge or resolve pages", await refused.TextAsync(), StringComparison.Ordinal);
        Assert.Equal("triggered", (await UiScenario.PagesAsync(vigil))[0]!["state"]!.ToString());
    }

    [Fact]
    public async Task PagesView_AtAPhonesSize_FitsTheScreen_AndPassesAxe()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", UiScenario.Config(hook.Url));
        await vigil.PostAlertsAsync(UiScenario.Alert("CheckoutDown", "critical"));
        await Eventually.TrueAsync(async () => (await UiScenario.PagesAsync(vigil)).Count == 1);
        await using var ui = await UiBrowser.OpenAsync(vigil, 390, 844);
        await ui.SignInWithTokenAsync(path: "/ui/pages");
        await Expect(ui.Page.Locator("#pages-list tbody tr")).ToHaveCountAsync(1);
        await ui.AssertFitsWidthAsync();
        await ui.AssertAccessibleAsync();
        var id = (long)(await UiScenario.PagesAsync(vigil))[0]!["id"]!;
        await ui.Page.GotoAsync($"/ui/pages/{id}");
        await ui.AssertFitsWidthAsync();
        await ui.AssertAccessibleAsync();
    }
}
