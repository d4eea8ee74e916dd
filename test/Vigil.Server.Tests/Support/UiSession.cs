using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Vigil.Server.Tests.Support;

/// <summary>A browser context signed in (or not yet) to one Vigil server, with the checks every UI test makes.</summary>
public sealed class UiSession(VigilInstance vigil, IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public IBrowserContext Context { get; } = context;

    /// <summary>Signs in through the sign-in page with an API token (the admin token when none is given).</summary>
    public async Task SignInWithTokenAsync(string? token = null, string path = "/ui")
    {
        await Page.GotoAsync(path);
        await Page.GetByLabel("API token").FillAsync(token ?? vigil.AdminToken);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with token" }).ClickAsync();
        await SignedInAsync();
    }

    /// <summary>Signs in through the sign-in page with a local user's name and password.</summary>
    public async Task SignInWithPasswordAsync(string name, string password, string path = "/ui")
    {
        await Page.GotoAsync(path);
        await Page.GetByLabel("User name").FillAsync(name);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await SignedInAsync();
    }

    /// <summary>
    /// Waits until the browser shows a signed-in page (its Sign out button, which the sign-in page has not). Polls the
    /// page instead of waiting for a URL: Playwright's URL wait then waits for a load state, and under load its .NET
    /// client missed one that had already fired ("NetworkIdle" fired, the wait ran out) — twice in a few hundred runs.
    /// </summary>
    private async Task SignedInAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(Page).Not.ToHaveURLAsync(new Regex("/ui/login"));
    }

    /// <summary>Opens a page and waits until its live updates are connected (so a later change reaches it).</summary>
    public async Task GotoLiveAsync(string path)
    {
        await Page.GotoAsync(path);
        await Page.WaitForFunctionAsync("() => document.documentElement.getAttribute('data-live-state') !== null");
    }

    /// <summary>axe-core on the current page: no serious or critical violation (WCAG 2.1 AA rules and best practices).</summary>
    public async Task AssertAccessibleAsync()
    {
        var result = await Page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{Page.Url}: " + string.Join("\n", bad.Select(Describe)));
    }

    /// <summary>The page does not scroll sideways at the viewport's width (a phone's, say).</summary>
    public async Task AssertFitsWidthAsync()
    {
        var fits = await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
        Assert.True(fits, $"{Page.Url} scrolls sideways at {Page.ViewportSize?.Width}px");
    }

    /// <summary>The screenshots in docs/ui/ are taken by the page tests while their page holds realistic data: with
    /// <c>VIGIL_UI_SCREENSHOTS=DIR</c> set this writes <c>DIR/NAME.png</c> (see docs/ui/README.md), else nothing.</summary>
    public async Task ScreenshotForDocsAsync(string name, bool fullPage = false)
    {
        if (Environment.GetEnvironmentVariable("VIGIL_UI_SCREENSHOTS") is not { Length: > 0 } dir)
        {
            return;
        }
        Directory.CreateDirectory(dir);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = fullPage });
    }

    private static string Describe(AxeResultItem v) =>
        $"{v.Impact} {v.Id}: {v.Help} at " + string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString() + " " + n.Html));

    /// <summary>
    /// Posts the form <paramref name="formName"/> to <paramref name="path"/> with the session's cookies and the current
    /// page's anti-forgery token (any page carries one: the sign-out form is on every page), as a crafted request would:
    /// what the server answers is what a person bypassing the page's buttons gets.
    /// </summary>
    public async Task<IAPIResponse> PostFormAsync(string path, string formName, Dictionary<string, string>? fields = null)
    {
        var token = await Page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = Context.APIRequest.CreateFormData();
        form.Set("_handler", formName);
        form.Set("__RequestVerificationToken", token!);
        foreach (var (k, v) in fields ?? [])
        {
            form.Set(k, v);
        }
        return await Context.APIRequest.PostAsync(path, new() { Form = form, MaxRedirects = 0 });
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
