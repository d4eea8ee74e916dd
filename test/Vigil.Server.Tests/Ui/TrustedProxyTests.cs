using System.Net.Http.Json;
using Microsoft.Playwright;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary><c>ui.trusted_proxy</c> (the oauth2-proxy setup): the user header signs in only from the configured
/// addresses. The in-process server sees the browser at 127.0.0.1, so the <c>from</c> list decides.</summary>
public sealed class TrustedProxyTests
{
    private static string Config(string from) => $"""
        route:
          receiver: none
        receivers:
          - name: none
        ui:
          trusted_proxy:
            header: X-Forwarded-User
            from: [{from}]
            role_header: X-Forwarded-Role
            default_role: viewer
        """;

    [Fact]
    public async Task UserHeader_FromAnAllowedAddress_SignsIn_WithTheLocalUsersRole_ElseTheDefaultOrRoleHeader()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config("127.0.0.1/32"));
        (await vigil.Http.PostAsJsonAsync("api/v1/users", new { name = "rita@example.com", role = "responder", password = "a long passphrase" })).EnsureSuccessStatusCode();
        await using var ui = await UiBrowser.OpenAsync(vigil);

        await ui.Context.SetExtraHTTPHeadersAsync([new("X-Forwarded-User", "pat@example.com")]);
        await ui.Page.GotoAsync("/ui");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Now", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.Locator(".who")).ToContainTextAsync("pat@example.com (viewer)");
        await ui.AssertAccessibleAsync();

        await ui.Context.SetExtraHTTPHeadersAsync([new("X-Forwarded-User", "pat@example.com"), new("X-Forwarded-Role", "admin")]);
        await ui.Page.GotoAsync("/ui");
        await Assertions.Expect(ui.Page.Locator(".who")).ToContainTextAsync("pat@example.com (admin)");

        // A local user of that name: its role wins over the role header.
        await ui.Context.SetExtraHTTPHeadersAsync([new("X-Forwarded-User", "rita@example.com"), new("X-Forwarded-Role", "admin")]);
        await ui.Page.GotoAsync("/ui");
        await Assertions.Expect(ui.Page.Locator(".who")).ToContainTextAsync("rita@example.com (responder)");
        Assert.Single(System.Text.Json.Nodes.JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/users"))!.AsArray());
    }

    [Fact]
    public async Task UserHeader_FromAnotherAddress_IsIgnored()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config("10.0.0.0/8"));
        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.Context.SetExtraHTTPHeadersAsync([new("X-Forwarded-User", "mallory"), new("X-Forwarded-Role", "admin")]);
        await ui.Page.GotoAsync("/ui");
        Assert.Contains("/ui/login", ui.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(ui.Page.GetByLabel("User name")).ToBeVisibleAsync();
    }
}
