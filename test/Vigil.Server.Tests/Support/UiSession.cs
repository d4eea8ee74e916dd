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
        await Page.WaitForURLAsync(url => !url.Contains("/ui/login", StringComparison.Ordinal));
    }

    /// <summary>Signs in through the sign-in page with a local user's name and password.</summary>
    public async Task SignInWithPasswordAsync(string name, string password, string path = "/ui")
    {
        await Page.GotoAsync(path);
        await Page.GetByLabel("User name").FillAsync(name);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/ui/login", StringComparison.Ordinal));
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

    private static string Describe(AxeResultItem v) =>
        $"{v.Impact} {v.Id}: {v.Help} at " + string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString() + " " + n.Html));

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
