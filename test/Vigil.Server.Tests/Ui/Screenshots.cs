using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>
/// Writes a page's screenshot for the docs when <c>VIGIL_UI_SCREENSHOTS</c> names a folder (docs/ui); does nothing
/// otherwise. See docs/ui/README.md for the command.
/// </summary>
internal static class Screenshots
{
    public static async Task SaveAsync(UiSession ui, string name)
    {
        if (Environment.GetEnvironmentVariable("VIGIL_UI_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }
        Directory.CreateDirectory(folder);
        await ui.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = false });
    }
}
