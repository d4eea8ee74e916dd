using System.Net;
using Microsoft.Playwright;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>The Silences page in a real browser: tabs, edit with Alertmanager's rules, expire, one-click re-silence, roles.</summary>
public sealed class SilencesPageTests
{
    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task EditExpireAndResilence_FollowAlertmanagersRules_AndSayWhatHappened(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, AlertsUi.Config);
        await AlertsUi.PostNightAsync(vigil);
        var id = await AlertsUi.SilenceAsync(vigil, "instance", "cache-1", "Cache rebuild");
        await using var ui = await AlertsUi.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(path: "/ui/silences");

        var row = ui.Page.Locator($"#silence-{id}");
        await Assertions.Expect(row).ToContainTextAsync("Cache rebuild");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = "1 alert" })).ToBeVisibleAsync();

        // Same matchers, new comment: updated in place.
        await row.GetByRole(AriaRole.Link, new() { Name = "Edit silence" }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByLabel("Matchers")).ToHaveValueAsync("instance=\"cache-1\"");
        await ui.Page.GetByLabel("Comment").FillAsync("Cache rebuild, takes an hour");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save silence" }).ClickAsync();
        await Assertions.Expect(ui.Page.Locator(".notice")).ToContainTextAsync($"Silence {id} updated in place");

        // New matchers: the old one is expired and a new id is issued.
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "Edit silence" }).ClickAsync();
        await ui.Page.GetByLabel("Matchers").FillAsync("instance=~\"cache-.*\"");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save silence" }).ClickAsync();
        await Assertions.Expect(ui.Page.Locator(".notice")).ToContainTextAsync($"silence {id} was expired and replaced by the new silence");
        var replacement = new Uri(ui.Page.Url).Query.Split('&')[0].Split('=')[1];
        Assert.NotEqual(id, replacement);

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Expire silence" }).ClickAsync();
        await Assertions.Expect(ui.Page.Locator(".notice")).ToContainTextAsync($"Silence {replacement} expired");
        var (state, _) = await AlertsUi.StatusAsync(vigil, "RebootOverrun");
        Assert.Equal("active", state);

        await ui.Page.GotoAsync("/ui/silences?tab=expired");
        await Assertions.Expect(ui.Page.Locator("table.silences tbody tr")).ToHaveCountAsync(2);
        await ui.Page.Locator($"#silence-{id}").GetByRole(AriaRole.Button, new() { Name = "Re-silence" }).ClickAsync();
        await Assertions.Expect(ui.Page.Locator(".notice")).ToContainTextAsync("Silenced again as");
        await Assertions.Expect(ui.Page.Locator("table.silences")).ToContainTextAsync("instance=\"cache-1\"");
        var silences = await vigil.Http.GetStringAsync("api/v1/silences");
        Assert.Contains("\"state\":\"active\"", silences, StringComparison.Ordinal);
        Assert.Contains("user:admin", silences, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_CannotExpireASilence_TheServerRefusesAPostedFormWith403()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", AlertsUi.Config);
        await AlertsUi.PostNightAsync(vigil);
        var id = await AlertsUi.SilenceAsync(vigil, "instance", "cache-1", "Cache rebuild");
        var viewer = await AlertsUi.TokenAsync(vigil, "vera", "read");
        await using var ui = await AlertsUi.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(viewer, "/ui/silences");
        // The live parts are fetched once when the page's event stream opens; the button is edited after that swap.
        await ui.Page.WaitForFunctionAsync("() => document.documentElement.getAttribute('data-live-state') === 'current'");

        var expire = ui.Page.GetByRole(AriaRole.Button, new() { Name = "Expire silence" });
        await Assertions.Expect(expire).ToBeDisabledAsync();
        // Post the form anyway, as a hand-made request would.
        await expire.EvaluateAsync("b => b.disabled = false");
        var answer = ui.Page.WaitForResponseAsync(r => r.Url.Contains("/ui/silences", StringComparison.Ordinal) && r.Request.Method == "POST");
        await expire.ClickAsync();
        Assert.Equal(403, (await answer).Status);
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your role (viewer) cannot change silences");
        var (state, silencedBy) = await AlertsUi.StatusAsync(vigil, "HostDown\",instance=\"cache-1");
        Assert.Equal("suppressed", state);
        Assert.Equal([id], silencedBy);
    }

    [Fact]
    public async Task SilencesPage_ListsEachTab_AndIsAccessibleAtBothSizes()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", AlertsUi.Config);
        await AlertsUi.PostNightAsync(vigil);
        await AlertsUi.SilenceAsync(vigil, "instance", "cache-1", "Cache rebuild");
        await AlertsUi.SilenceAsync(vigil, "impact", "customer", "Checkout maintenance");
        var old = await AlertsUi.SilenceAsync(vigil, "alertname", "RebootOverrun", "Known slow reboot");
        (await vigil.Http.DeleteAsync($"api/v2/silence/{old}")).EnsureSuccessStatusCode();
        await using var ui = await AlertsUi.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(path: "/ui/silences");

        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Link, new() { Name = "Active (2)" })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(ui.Page.Locator("table.silences")).ToContainTextAsync("Cache rebuild");
        await ui.AssertAccessibleAsync();
        await ui.ScreenshotForDocsAsync("silences");
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "Awaiting approval (1)" }).ClickAsync();
        await Assertions.Expect(ui.Page.Locator("table.silences")).ToContainTextAsync("Checkout maintenance");
        await Assertions.Expect(ui.Page.Locator("table.silences")).ToContainTextAsync("1 customer-impact held back");
        await Assertions.Expect(ui.Page.Locator("table.silences")).Not.ToContainTextAsync("Cache rebuild");
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "Recently expired (1)" }).ClickAsync();
        await Assertions.Expect(ui.Page.Locator("table.silences")).ToContainTextAsync("Known slow reboot");
        await ui.Page.GotoAsync("/ui/silences?tab=pending");
        await Assertions.Expect(ui.Page.Locator(".empty")).ToContainTextAsync("No silence is scheduled");

        await using var phone = await AlertsUi.OpenAsync(vigil, 390, 844);
        await phone.SignInWithTokenAsync(path: "/ui/silences");
        await Assertions.Expect(phone.Page.Locator("table.silences")).ToContainTextAsync("Cache rebuild");
        await phone.AssertAccessibleAsync();
        await phone.AssertFitsWidthAsync();
        await phone.Page.GotoAsync("/ui/silences/new?matchers=" + Uri.EscapeDataString("alertname=\"HostDown\""));
        await Assertions.Expect(phone.Page.Locator(".preview-count")).ToContainTextAsync("2 alerts muted at once");
        await phone.AssertAccessibleAsync();
        // The preview follows the matchers as they are typed (silence-form.js posts the form as a preview).
        await phone.Page.GetByLabel("Matchers").FillAsync("alertname=\"RebootOverrun\"");
        await Assertions.Expect(phone.Page.Locator(".preview-count")).ToContainTextAsync("1 alert muted at once");
        await phone.AssertFitsWidthAsync();
    }

    [Fact]
    public async Task ApproveButtonOfPendingApprovals_PostsToTheSilencesPage_AndComesBackToThePageItWasOn()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", AlertsUi.Config);
        await AlertsUi.PostNightAsync(vigil);
        var id = await AlertsUi.SilenceAsync(vigil, "service", "checkout", "Checkout deploy");
        var bob = await AlertsUi.TokenAsync(vigil, "bob", "write");
        using var ui = await UiClient.SignInAsync(vigil, bob);

        // What Web/Shared/PendingApprovals.razor renders on another page: the handler's name, the return path, the button.
        using var approved = await ui.PostFormAsync("/ui/silences", "silence-action", new() { ["Act"] = "approve:" + id, ["Return"] = "/ui" });

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal("/ui", approved.Headers.Location!.OriginalString.Replace(vigil.Url.TrimEnd('/'), "", StringComparison.Ordinal));
        var (state, silencedBy) = await AlertsUi.StatusAsync(vigil, "CheckoutFailing");
        Assert.Equal("suppressed", state);
        Assert.Equal([id], silencedBy);
    }
}
