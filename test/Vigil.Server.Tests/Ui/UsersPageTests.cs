using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigil.Server.Tests.Oncall;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>The Users page and password sign-in in a real Chromium: the first admin signs in with the admin token and
/// creates users; a user's role, disabling and removal apply to their open session at once.</summary>
public sealed class UsersPageTests
{
    private const string Password = "rita's long passphrase";

    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Admin_CreatesAResponderOnTheUsersPage_WhoThenSignsInWithTheirPassword(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, OnCallConfigs.Schedules());
        await using var admin = await UiBrowser.OpenAsync(vigil);
        await admin.SignInWithTokenAsync();
        await admin.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(admin.Page.GetByText("No users yet.")).ToBeVisibleAsync();
        await admin.AssertAccessibleAsync();

        await admin.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("rita");
        await admin.Page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("responder");
        await admin.Page.GetByLabel("Password").FillAsync(Password);
        await admin.Page.GetByLabel("Person").SelectOptionAsync("carol");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();

        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Added rita.");
        var row = admin.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "rita" });
        await Assertions.Expect(row).ToContainTextAsync("responder");
        await Assertions.Expect(row).ToContainTextAsync("carol");
        await admin.AssertAccessibleAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(admin.Page).ToHaveURLAsync(new Regex("/ui/login"));

        await admin.SignInWithPasswordAsync("rita", Password);
        await Assertions.Expect(admin.Page.Locator(".who")).ToContainTextAsync("rita (responder)");
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        var users = await admin.Page.GotoAsync("/ui/users");
        Assert.Equal(403, users!.Status);
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot see or change users");

        var audit = await vigil.Http.GetStringAsync("api/v1/audit?type=user");
        Assert.Contains("\"actor\":\"user:admin\"", audit, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task RoleChange_Disable_AndRemove_ApplyToAnOpenSessionAtOnce(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, OnCallConfigs.Schedules());
        (await vigil.Http.PostAsJsonAsync("api/v1/users", new { name = "rita", role = "responder", password = Password })).EnsureSuccessStatusCode();
        await using var rita = await UiBrowser.OpenAsync(vigil);
        await rita.SignInWithPasswordAsync("rita", Password);
        await using var admin = await UiBrowser.OpenAsync(vigil);
        await admin.SignInWithTokenAsync(path: "/ui/users");

        var row = admin.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "rita" });
        await row.GetByLabel("New role of rita").SelectOptionAsync("viewer");
        await row.GetByRole(AriaRole.Button, new() { Name = "Change role of rita" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Changed the role of rita.");
        await rita.Page.GotoAsync("/ui");
        await Assertions.Expect(rita.Page.Locator(".who")).ToContainTextAsync("rita (viewer)");

        await row.GetByRole(AriaRole.Button, new() { Name = "Disable rita" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("disabled");
        await rita.Page.GotoAsync("/ui");
        Assert.Contains("/ui/login", rita.Page.Url, StringComparison.Ordinal);
        await rita.Page.GetByLabel("User name").FillAsync("rita");
        await rita.Page.GetByLabel("Password").FillAsync(Password);
        await rita.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(rita.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not recognised");

        await row.GetByRole(AriaRole.Button, new() { Name = "Remove rita" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Removed rita.");
        await Assertions.Expect(admin.Page.GetByText("No users yet.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WrongPassword_AndUnknownUser_GetTheSameMessage_AndRepeatedFailuresAreThrottled()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        (await vigil.Http.PostAsJsonAsync("api/v1/users", new { name = "rita", role = "viewer", password = Password })).EnsureSuccessStatusCode();
        await using var ui = await UiBrowser.OpenAsync(vigil);
        async Task<(int Status, string Message)> TryAsync(string name, string password)
        {
            await ui.Page.GotoAsync("/ui/login");
            await ui.Page.GetByLabel("User name").FillAsync(name);
            await ui.Page.GetByLabel("Password").FillAsync(password);
            var response = await ui.Page.RunAndWaitForResponseAsync(
                () => ui.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync(),
                r => r.Url.Contains("/ui/login", StringComparison.Ordinal) && r.Request.Method == "POST");
            return (response.Status, await ui.Page.GetByRole(AriaRole.Alert).InnerTextAsync());
        }

        var unknown = await TryAsync("nobody", Password);
        var wrong = await TryAsync("rita", "not the password");
        Assert.Equal((401, unknown.Message), wrong);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(401, (await TryAsync("rita", "still wrong " + i)).Status);
        }
        var throttled = await TryAsync("rita", Password);
        Assert.Equal(429, throttled.Status);
        Assert.Contains("Too many failed sign-ins", throttled.Message, StringComparison.Ordinal);
        await ui.AssertAccessibleAsync();
    }

    [Fact]
    public async Task UsersPage_WithSeveralUsers_OnALaptopAndAPhone_IsAccessible_AndDoesNotScrollSideways()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", OnCallConfigs.Schedules());
        foreach (var (name, role, person) in new[] { ("alice", "admin", "alice"), ("bob", "responder", "bob"), ("carol@example.com", "viewer", (string?)null) })
        {
            (await vigil.Http.PostAsJsonAsync("api/v1/users", new { name, role, password = Password, person })).EnsureSuccessStatusCode();
        }
        (await vigil.Http.PatchAsJsonAsync("api/v1/users/carol@example.com", new { disabled = true })).EnsureSuccessStatusCode();
        foreach (var (width, height) in new[] { (1280, 720), (390, 844) })
        {
            await using var ui = await UiBrowser.OpenAsync(vigil, width, height);
            await ui.SignInWithTokenAsync(path: "/ui/users");
            await Assertions.Expect(ui.Page.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
            await Assertions.Expect(ui.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "carol@example.com" })).ToContainTextAsync("disabled");
            await Assertions.Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "Enable carol@example.com" })).ToBeVisibleAsync();
            await ui.AssertAccessibleAsync();
            await ui.AssertFitsWidthAsync();
            if (width == 1280)
            {
                await ui.ScreenshotForDocsAsync("users");
            }
        }
    }
}
