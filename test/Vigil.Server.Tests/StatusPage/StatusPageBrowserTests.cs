using System.Buffers.Binary;
using Vigil.Server.Tests.Incidents;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.StatusPage;

/// <summary><c>/status</c> rendered by a real headless Chromium at a phone's size (the page has no script): what a customer sees.</summary>
public sealed class StatusPageBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task StatusPage_WithoutAnyScript_RenderedInChromiumAtAPhonesWidth_ShowsTheOutageAndThePublicUpdate()
    {
        ExternalTool.Require(Chromium);
        await using var vigil = await VigilInstance.StartAsync("sqlite", StatusPageApiTests.Config(ExternalTool.FreePort()));
        var incident = await IncidentClient.OpenAsync(vigil, """{"title":"Checkout unavailable","severity":"SEV1"}""");
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{incident}/public-updates",
            """{"body":"We are investigating failed checkouts.","components":["Website"]}""", System.Net.HttpStatusCode.Created);
        var url = vigil.Url.TrimEnd('/') + "/status";
        using var anonymous = new HttpClient();
        var html = await Eventually.GetAsync(() => anonymous.GetStringAsync(url), h => h.Contains("Major outage", StringComparison.Ordinal));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("stylesheet", html, StringComparison.OrdinalIgnoreCase);

        var profile = Directory.CreateTempSubdirectory("vigil-chromium-").FullName;
        var shot = Path.Combine(profile, "status.png");
        try
        {
            string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--window-size=390,844"];
            // The page has no script to run (asserted above); headless Chromium's own --dump-dom and --screenshot need
            // JavaScript enabled in the renderer, so it is not switched off here.
            var dom = await ExternalTool.RunAsync(Chromium, [.. common, "--dump-dom", url]);
            Assert.True(dom.ExitCode == 0, dom.Stderr);
            Assert.True(dom.Stdout.Contains("<p class=\"banner critical\" id=\"status\">Major System Outage</p>", StringComparison.Ordinal), dom.Stdout);
            Assert.Contains("Checkout unavailable", dom.Stdout, StringComparison.Ordinal);
            Assert.Contains("We are investigating failed checkouts.", dom.Stdout, StringComparison.Ordinal);
            Assert.Contains("<span class=\"s major_outage\">Major outage</span>", dom.Stdout, StringComparison.Ordinal);

            var screenshot = await ExternalTool.RunAsync(Chromium, [.. common, $"--screenshot={shot}", url]);
            Assert.True(screenshot.ExitCode == 0, screenshot.Stderr);
            var png = await File.ReadAllBytesAsync(shot);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            Assert.Equal(390, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
