using Microsoft.Playwright;

namespace Vigil.Bench.Ui;

/// <summary>First contentful paint of the Now page in Debian's Chromium (headless, no browser download), signed in
/// through the sign-in page, each load a fresh navigation.</summary>
internal static class UiPaint
{
    public static async Task<LatencySummary> FirstContentfulPaintAsync(Uri url, string adminToken, int loads)
    {
        using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        }).ConfigureAwait(false);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = url.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
        }).ConfigureAwait(false);
        var page = await context.NewPageAsync().ConfigureAwait(false);
        await page.GotoAsync("/ui/login").ConfigureAwait(false);
        await page.GetByLabel("API token").FillAsync(adminToken).ConfigureAwait(false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with token" }).ClickAsync().ConfigureAwait(false);
        await page.WaitForURLAsync(u => !u.Contains("/ui/login", StringComparison.Ordinal)).ConfigureAwait(false);
        var samples = new List<double>(loads);
        for (var i = 0; i < loads + 2; i++)
        {
            await page.GotoAsync("/ui", new PageGotoOptions { WaitUntil = WaitUntilState.Load }).ConfigureAwait(false);
            var fcp = await page.EvaluateAsync<double?>(
                "() => new Promise(r => { const e = performance.getEntriesByName('first-contentful-paint')[0]; if (e) { r(e.startTime); return; } " +
                "new PerformanceObserver(l => r(l.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true }); setTimeout(() => r(null), 5000); })").ConfigureAwait(false);
            if (i >= 2 && fcp is { } value)
            {
                samples.Add(value);
            }
        }
        return Percentiles.Summarize(samples);
    }
}
