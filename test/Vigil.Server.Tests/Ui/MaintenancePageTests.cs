using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>
/// The Maintenance page's windows in a real Chromium: a window is created through the form only after the watcher
/// check has shown its answer, refused with the uncovered intervals when the watcher is not on call, and ended early.
/// In schedule <c>ops</c> alice is always on call; in <c>nights</c> only bob is.
/// </summary>
public sealed class MaintenancePageTests
{
    private const string Config = """
        route:
          receiver: ops
        receivers:
          - name: ops
        people:
          - name: alice
            email: alice@example.com
          - name: bob
            email: bob@example.com
        schedules:
          - name: ops
            time_zone: UTC
            layers:
              - members: [alice]
                rotation: 1w
                handoff: "00:00"
                start: 2026-01-01
          - name: nights
            time_zone: UTC
            layers:
              - members: [bob]
                rotation: 1w
                handoff: "00:00"
                start: 2026-01-01
        """;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task NewWindow_CheckShowsTheWatcherOnCall_ThenCreateSavesIt_AndEndNowEndsIt(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config);
        // Two upcoming windows made through the API: tomorrow's one-off, and a yearly one.
        var tomorrow = TimeProvider.System.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd'T'HH':00:00Z'", System.Globalization.CultureInfo.InvariantCulture);
        await CreateAsync(vigil, $$"""
            {"targets":["service=\"checkout\""],"expected":["alertname=\"ProbeFailed\""],"start":"{{tomorrow}}","duration":"90m",
             "watcher":"alice","backup":"bob","schedule":"ops","announcement":"payment provider migration"}
            """);
        await CreateAsync(vigil, """
            {"targets":["host=~\"db-.*\""],"expected":["alertname=\"HostDown\""],"cron":"0 2 1 1 *","timeZone":"Europe/Berlin","duration":"1h",
             "watcher":"alice","backup":"bob","schedule":"ops","announcement":"yearly database failover drill"}
            """);
        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(path: "/ui/maintenance");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Upcoming (2)" })).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Maintenance", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.GetByText("No window is running.")).ToBeVisibleAsync();
        await ui.AssertAccessibleAsync();

        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "New maintenance window" }).ClickAsync();
        await FillAsync(ui.Page, schedule: "ops");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "Create window" })).ToHaveCountAsync(0);
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Check watcher" }).ClickAsync();

        var answer = ui.Page.Locator("#watcher-answer");
        await Assertions.Expect(answer).ToContainTextAsync("accepted");
        await Assertions.Expect(answer).ToContainTextAsync("alice is on call in schedule ops for the whole window");
        Assert.Equal(2, (await WindowsAsync(vigil)).Count);
        await ui.AssertAccessibleAsync();
        await MaintUiForms.AssertFitsAPhoneAsync(ui);

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Create window" }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("The window was created");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Running now (1)" })).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.Locator("#maint-windows")).ToContainTextAsync("kernel update on db-1");
        var window = (await WindowsAsync(vigil)).Single(w => w!["announcement"]!.ToString() == "kernel update on db-1")!;
        Assert.Equal("active", window["state"]!.ToString());
        Assert.Equal("alice", window["watcher"]!.ToString());
        Assert.Equal("host=\"db-1\"", window["targets"]![0]!.ToString());
        await ui.AssertAccessibleAsync();
        await MaintUiForms.AssertFitsAPhoneAsync(ui);
        await ui.ScreenshotForDocsAsync("maintenance");

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "End now: kernel update on db-1" }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("The window was ended");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Running now (0)" })).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Table, new() { Name = "Recently ended" })).ToContainTextAsync("early");
        Assert.Equal("ended", (await WindowsAsync(vigil)).Single(w => w!["announcement"]!.ToString() == "kernel update on db-1")!["state"]!.ToString());
        var audit = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/audit?limit=100"))!.AsArray();
        Assert.Contains(audit, a => a!["action"]!.ToString() == "end" && a["actor"]!.ToString() == "user:admin");
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task NewWindow_WatcherNotOnCall_CheckRefusesWithTheUncoveredInterval_NoCreate_UntilAssigned(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config);
        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(path: "/ui/maintenance/windows/new");
        await FillAsync(ui.Page, schedule: "nights");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Check watcher" }).ClickAsync();

        var answer = ui.Page.Locator("#watcher-answer");
        await Assertions.Expect(answer).ToContainTextAsync("refused");
        await Assertions.Expect(answer).ToContainTextAsync("alice is not on call in schedule nights");
        await Assertions.Expect(answer.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Assertions.Expect(answer.GetByRole(AriaRole.Listitem)).ToContainTextAsync(" – ");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "Create window" })).ToHaveCountAsync(0);
        // What was typed is kept.
        await Assertions.Expect(ui.Page.GetByLabel("Targets (one selector per line)")).ToHaveValueAsync("host=\"db-1\"");
        await ui.AssertAccessibleAsync();
        Assert.Empty(await WindowsAsync(vigil));

        await ui.Page.GetByLabel("Put the watcher on call where the schedule leaves gaps (creates overrides)").CheckAsync();
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Check watcher" }).ClickAsync();
        await Assertions.Expect(answer).ToContainTextAsync("Overrides to be created");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Create window" }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("The window was created");
        Assert.Single(await WindowsAsync(vigil));
        var overrides = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/schedules/nights/overrides"))!.AsArray();
        Assert.Equal("alice", Assert.Single(overrides)!["person"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Viewer_CannotCreateOrEndWindows_TheServerRefuses403(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config);
        var created = await vigil.Http.PostAsync("api/v1/maintenance", new StringContent("""
            {"targets":["host=\"db-1\""],"expected":["alertname=\"HostDown\""],"start":"now","duration":"2h",
             "watcher":"alice","backup":"bob","schedule":"ops","announcement":"db work"}
            """, System.Text.Encoding.UTF8, "application/json"));
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.ToString();
        var token = await vigil.CreateTokenAsync("read");
        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(token, "/ui/maintenance");
        await Assertions.Expect(ui.Page.Locator("#maint-windows")).ToContainTextAsync("db work");
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Link, new() { Name = "New maintenance window" })).ToHaveCountAsync(0);
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "End now: db work" })).ToHaveCountAsync(0);

        Assert.Equal(403, await MaintUiForms.PostAsync(ui, "/ui/maintenance", "window-end", ("End", id)));
        Assert.Equal(403, await MaintUiForms.PostAsync(ui, "/ui/maintenance/windows/new", "window-new",
            ("Targets", "host=\"db-2\""), ("Expected", "alertname=\"HostDown\""), ("Duration", "1h"), ("Watcher", "alice"), ("Backup", "bob"),
            ("Schedule", "ops"), ("Action", "create")));
        var windows = await WindowsAsync(vigil);
        Assert.Equal("active", Assert.Single(windows)!["state"]!.ToString());
    }

    private static async Task FillAsync(IPage page, string schedule)
    {
        await page.GetByLabel("Targets (one selector per line)").FillAsync("host=\"db-1\"");
        await page.GetByLabel("Expected signals (one selector per line)").FillAsync("alertname=~\"HostDown|DiskUnmounted\"");
        await page.GetByLabel("Duration", new() { Exact = true }).FillAsync("2h");
        await page.GetByLabel("Watcher", new() { Exact = true }).FillAsync("alice");
        await page.GetByLabel("Backup", new() { Exact = true }).FillAsync("bob");
        await page.GetByLabel("Schedule the watcher must be on call in").SelectOptionAsync(schedule);
        await page.GetByLabel("Announcement", new() { Exact = true }).FillAsync("kernel update on db-1");
    }

    private static async Task CreateAsync(VigilInstance vigil, string json)
    {
        var response = await vigil.Http.PostAsync("api/v1/maintenance", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonArray> WindowsAsync(VigilInstance vigil) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/maintenance"))!.AsArray();
}
