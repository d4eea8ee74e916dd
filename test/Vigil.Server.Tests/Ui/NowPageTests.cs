using Microsoft.Playwright;
using Vigil.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Server.Tests.Ui;

/// <summary>The landing page in a real Chromium: what is wrong for customers now, what fires, who is on call.</summary>
public sealed class NowPageTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task NowPage_ShowsFailingCustomerChecks_FiringBySeverity_OpenIncidents_OnCall_AndCoverageGaps(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, UiScenario.Config(hook.Url));
        await vigil.PostAlertsAsync(UiScenario.Alert("DiskFull", "warning"));
        await vigil.PostAlertsAsync(UiScenario.Alert("DatabaseDown", "critical"));
        await Incidents.IncidentClient.OpenAsync(vigil, """{"title":"Checkout failing","severity":"SEV1"}""");

        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync();

        var customers = ui.Page.Locator("#now-customers");
        await Expect(customers).ToContainTextAsync("customer-facing checks failing");
        await Expect(customers).ToContainTextAsync("checkout");
        var firing = ui.Page.Locator("#now-firing");
        await Expect(firing.GetByRole(AriaRole.Link, new() { Name = "critical" })).ToHaveAttributeAsync("href", "/ui/alerts?filter=severity%3D%22critical%22");
        await Expect(firing.GetByRole(AriaRole.Link, new() { Name = "warning" })).ToBeVisibleAsync();
        await Expect(ui.Page.Locator("#now-incidents")).ToContainTextAsync("Checkout failing");
        await Expect(ui.Page.Locator("#now-oncall")).ToContainTextAsync("primary");
        await Expect(ui.Page.Locator("#now-gaps")).ToContainTextAsync("primary");
        await Expect(ui.Page.Locator("#now-gaps .gap").First).ToContainTextAsync("CET");
        await ui.AssertAccessibleAsync();
        await ui.ScreenshotForDocsAsync("now", fullPage: true);
    }

    [Fact]
    public async Task NowPage_LeftOpen_ShowsANewIncidentWithinASecondOrTwo_WithoutAReload()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", UiScenario.Config(hook.Url));
        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync();
        await ui.GotoLiveAsync("/ui");
        await Expect(ui.Page.Locator("#now-incidents")).ToContainTextAsync("No open incidents");
        await ui.Page.EvaluateAsync("() => { window.vigilNoReload = true; }");

        await Incidents.IncidentClient.OpenAsync(vigil, """{"title":"Payments degraded","severity":"SEV2"}""");

        await Expect(ui.Page.Locator("#now-incidents")).ToContainTextAsync("Payments degraded");
        Assert.True(await ui.Page.EvaluateAsync<bool>("() => window.vigilNoReload === true"), "the page was reloaded rather than updated");
    }

    [Fact]
    public async Task NowPage_ShowsAChangeMadeBetweenItsRenderAndItsLiveStreamOpening_WithoutAReload()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", UiScenario.Config(hook.Url));
        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync();
        // The page's event stream is held back until the change is made: nothing will announce it on the stream.
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await ui.Page.RouteAsync("**/ui/events**", async route =>
        {
            await changed.Task;
            await route.ContinueAsync();
        });
        await ui.Page.GotoAsync("/ui");
        await Expect(ui.Page.Locator("#now-incidents")).ToContainTextAsync("No open incidents");
        await ui.Page.EvaluateAsync("() => { window.vigilNoReload = true; }");

        await Incidents.IncidentClient.OpenAsync(vigil, """{"title":"Payments degraded","severity":"SEV2"}""");
        changed.SetResult();

        await Expect(ui.Page.Locator("#now-incidents")).ToContainTextAsync("Payments degraded");
        Assert.True(await ui.Page.EvaluateAsync<bool>("() => window.vigilNoReload === true"), "the page was reloaded rather than updated");
    }

    [Fact]
    public async Task NowPage_AtAPhonesSize_FitsTheScreen_AndEveryMainSectionIsReachableByKeyboard()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", UiScenario.Config(hook.Url));
        await vigil.PostAlertsAsync(UiScenario.Alert("DatabaseDown", "critical"));
        await using var ui = await UiBrowser.OpenAsync(vigil, 390, 844);
        await ui.SignInWithTokenAsync();
        await Expect(ui.Page.Locator("#now-firing")).ToContainTextAsync("critical");
        await ui.AssertFitsWidthAsync();
        await ui.AssertAccessibleAsync();

        // Keyboard only: the first Tab reaches the skip link, which moves focus to the main content.
        await ui.Page.Keyboard.PressAsync("Tab");
        await Expect(ui.Page.Locator(":focus")).ToHaveTextAsync("Skip to content");
        await ui.Page.Keyboard.PressAsync("Enter");
        await ui.Page.Keyboard.PressAsync("Tab");
        var focused = await ui.Page.EvaluateAsync<string>("() => document.activeElement.closest('main') ? 'main' : 'elsewhere'");
        Assert.Equal("main", focused);
    }
}
