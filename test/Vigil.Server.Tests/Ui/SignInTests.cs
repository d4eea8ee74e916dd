using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>Signing in to the web UI in a real Chromium, as a new user does: open the server's URL, paste the admin token.</summary>
public sealed class SignInTests
{
    [Fact]
    public async Task OpeningTheServersUrl_WithoutASession_AsksForSignIn_AndTheAdminTokenOpensNow()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.Page.GotoAsync("/");
        Assert.Contains("/ui/login", ui.Page.Url, StringComparison.Ordinal);
        await ui.AssertAccessibleAsync();

        await ui.SignInWithTokenAsync();

        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Now", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.Locator(".who")).ToContainTextAsync("admin (admin)");
        await ui.AssertAccessibleAsync();
    }

    [Fact]
    public async Task SigningIn_WithAWrongToken_SaysSo_AndStaysSignedOut()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.Page.GotoAsync("/ui/login");
        await ui.Page.GetByLabel("API token").FillAsync("vgl_not-a-token");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with token" }).ClickAsync();

        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not a valid API token");
        var now = await ui.Page.GotoAsync("/ui");
        Assert.Contains("/ui/login", ui.Page.Url, StringComparison.Ordinal);
        Assert.NotNull(now);
    }

    [Fact]
    public async Task TheSignInCookie_OpensThePages_ButNotTheApi_WhichAsksForAToken()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync();

        // The browser sends its session cookie with both; only the page takes it.
        var page = await ui.Page.Context.APIRequest.GetAsync("/ui/alerts", new() { MaxRedirects = 0 });
        Assert.Equal(200, page.Status);
        var api = await ui.Page.Context.APIRequest.GetAsync("/api/v2/alerts", new() { MaxRedirects = 0 });
        Assert.Equal(401, api.Status);
        Assert.Contains("bearer token", await api.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningOut_EndsTheSession()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync();
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(ui.Page).ToHaveURLAsync(new Regex("/ui/login"));
        await ui.Page.GotoAsync("/ui/alerts");
        Assert.Contains("/ui/login?return=%2Fui%2Falerts", ui.Page.Url, StringComparison.Ordinal);
    }
}
