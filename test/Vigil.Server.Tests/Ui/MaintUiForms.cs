using Microsoft.Playwright;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>
/// What a person could do without the page's buttons: post a UI form straight to the server with their session and a
/// valid anti-forgery token, to show that the server itself refuses what their role may not do.
/// </summary>
internal static class MaintUiForms
{
    /// <summary>Opens <paramref name="path"/>, then posts its form <paramref name="handler"/> with <paramref name="fields"/>; returns the HTTP status.</summary>
    public static async Task<int> PostAsync(UiSession ui, string path, string handler, params (string Name, string Value)[] fields)
    {
        await ui.Page.GotoAsync(path);
        return (await ui.PostFormAsync(path, handler, fields.ToDictionary(f => f.Name, f => f.Value))).Status;
    }

    /// <summary>Checks the page at a phone's size: axe finds nothing serious and the page does not scroll sideways.</summary>
    public static async Task AssertFitsAPhoneAsync(UiSession ui)
    {
        await ui.Page.SetViewportSizeAsync(390, 844);
        await ui.AssertAccessibleAsync();
        await ui.AssertFitsWidthAsync();
        await ui.Page.SetViewportSizeAsync(1280, 720);
    }
}
