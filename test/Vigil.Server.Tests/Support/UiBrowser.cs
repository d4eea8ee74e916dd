using Microsoft.Playwright;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// One headless Debian Chromium for the whole test run, driven by Playwright (no browser download); every test
/// opens its own context (its own cookies), so tests run side by side. Skips when Chromium is not installed.
/// </summary>
public static class UiBrowser
{
    public const string Chromium = "/usr/bin/chromium";
    private static readonly Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>> Shared = new(LaunchAsync);

    /// <summary>A fresh browser context on <paramref name="vigil"/> at a laptop's size (or the given one).</summary>
    public static async Task<UiSession> OpenAsync(VigilInstance vigil, int width = 1280, int height = 720, string timezone = "Europe/Berlin")
    {
        ExternalTool.Require(Chromium);
        var (_, browser) = await Shared.Value;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = vigil.Url.TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = timezone,
            Locale = "en-GB",
        });
        // 30 s for actions, navigations and expectations: the suite runs browser tests side by side on 2 cores, and at
        // a load of 45 a sign-in took longer than 15 s.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        return new UiSession(vigil, context, await context.NewPageAsync());
    }

    /// <summary>Closes the browser, if one was started (at the end of the run: its profile is in the run's temporary folder).</summary>
    public static async Task CloseAsync()
    {
        if (Shared.IsValueCreated && Shared.Value.IsCompletedSuccessfully)
        {
            var (playwright, browser) = Shared.Value.Result;
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        return (playwright, await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        }));
    }
}
