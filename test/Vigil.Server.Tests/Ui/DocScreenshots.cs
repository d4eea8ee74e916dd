using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>The screenshots in docs/ui/ are taken by the page tests at the moment their page holds realistic data; with
/// <c>VIGIL_UI_SCREENSHOTS=DIR</c> set they are written to <c>DIR/NAME.png</c> (see docs/ui/README.md), else nothing is written.</summary>
internal static class DocScreenshots
{
    public static async Task TakeAsync(UiSession ui, string name)
    {
        if (Environment.GetEnvironmentVariable("VIGIL_UI_SCREENSHOTS") is not { Length: > 0 } dir)
        {
            return;
        }
        Directory.CreateDirectory(dir);
        await ui.Page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = false });
    }
}
