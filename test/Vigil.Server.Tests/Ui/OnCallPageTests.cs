using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>The On call page in a real Chromium: now and next, the week and month calendars with the gap highlighted,
/// and an override made through the form, or by dragging across the calendar, that closes the gap.</summary>
public sealed class OnCallPageTests
{
    private const string Password = "rita's long passphrase";

    /// <summary>Tuesday 5 January 2027, noon UTC.</summary>
    private static readonly DateTimeOffset Noon = new(2027, 1, 5, 12, 0, 0, TimeSpan.Zero);

    /// <summary>alice and bob alternate daily; the layer covers the whole week except Tuesday 20:00 – Wednesday 08:00 UTC.</summary>
    private const string Config = """
        route:
          receiver: none
        receivers:
          - name: none
        people:
          - name: alice
            email: alice@example.com
            time_zone: America/Los_Angeles
          - name: bob
            email: bob@example.com
            time_zone: Europe/Berlin
        schedules:
          - name: primary
            time_zone: UTC
            layers:
              - name: days
                members: [alice, bob]
                rotation: 1d
                handoff: "08:00"
                start: 2027-01-01
                restrictions:
                  - weekly: "Mon 00:00-Tue 20:00"
                  - weekly: "Wed 08:00-Mon 00:00"
        """;

    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Responder_CoversTheGapWithAnOverrideThroughTheForm_AndTheGapDisappears(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config, new FakeTimeProvider(Noon));
        (await vigil.Http.PostAsJsonAsync("api/v1/users", new { name = "rita", role = "responder", password = Password, person = "bob" })).EnsureSuccessStatusCode();
        await using var ui = await UiBrowser.OpenAsync(vigil, timezone: "UTC");
        await ui.SignInWithPasswordAsync("rita", Password, "/ui/oncall");

        var nowNext = ui.Page.GetByRole(AriaRole.Region, new() { Name = "Now and next", Exact = true });
        await Assertions.Expect(nowNext.GetByRole(AriaRole.Row).Filter(new() { HasText = "primary" })).ToContainTextAsync("alice");
        await Assertions.Expect(nowNext).ToContainTextAsync("bob from Wed 6 Jan 08:00 UTC");
        var schedule = ui.Page.GetByRole(AriaRole.Region, new() { Name = "primary (schedule zone UTC)" });
        await Assertions.Expect(schedule.GetByRole(AriaRole.Note)).ToContainTextAsync("1 coverage gap(s) in this week");
        await Assertions.Expect(schedule.Locator(".cal-gap")).ToHaveCountAsync(2); // Tuesday evening and Wednesday morning
        await Assertions.Expect(schedule.Locator(".cal-gap").First).ToHaveTextAsync("Nobody 20:00–24:00");
        await ui.AssertAccessibleAsync();

        await schedule.GetByRole(AriaRole.Link, new() { Name = "cover it with an override" }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByLabel("From")).ToHaveValueAsync("2027-01-05T20:00");
        await Assertions.Expect(ui.Page.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync("2027-01-06T08:00");
        await Assertions.Expect(ui.Page.GetByLabel("Person")).ToHaveValueAsync("bob");
        await ui.Page.GetByLabel("Note").FillAsync("covering the hole");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Create override" }).ClickAsync();

        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Override created.");
        await Assertions.Expect(schedule.Locator(".cal-gap")).ToHaveCountAsync(0);
        await Assertions.Expect(schedule.GetByRole(AriaRole.Note)).ToHaveCountAsync(0);
        await Assertions.Expect(schedule.Locator(".cal-shift.override")).ToHaveCountAsync(2);
        await ui.ScreenshotForDocsAsync("oncall");
        var overrides = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/schedules/primary/overrides"))!.AsArray();
        var o = Assert.Single(overrides)!;
        Assert.Equal("bob", o["person"]!.ToString());
        Assert.Equal("2027-01-05T20:00:00Z", o["from"]!.ToString());
        Assert.Equal("2027-01-06T08:00:00Z", o["to"]!.ToString());
        Assert.Contains("\"actor\":\"user:rita\"", await vigil.Http.GetStringAsync("api/v1/audit?type=schedule-override"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responder_DragsAcrossTheGapInTheCalendar_TheFormIsFilledIn_AndTheOverrideClosesTheGap()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config, new FakeTimeProvider(Noon));
        (await vigil.Http.PostAsJsonAsync("api/v1/users", new { name = "rita", role = "responder", password = Password, person = "bob" })).EnsureSuccessStatusCode();
        await using var ui = await UiBrowser.OpenAsync(vigil, timezone: "UTC");
        await ui.SignInWithPasswordAsync("rita", Password, "/ui/oncall");
        var schedule = ui.Page.GetByRole(AriaRole.Region, new() { Name = "primary (schedule zone UTC)" });
        var gaps = schedule.Locator(".cal-gap");
        await Assertions.Expect(gaps).ToHaveCountAsync(2);

        // From Tuesday evening's gap to Wednesday morning's: the whole hole, across midnight.
        await gaps.First.DragToAsync(gaps.Last);

        await Assertions.Expect(ui.Page.Locator("#ov-schedule")).ToHaveValueAsync("primary");
        await Assertions.Expect(ui.Page.GetByLabel("From")).ToHaveValueAsync("2027-01-05T20:00");
        await Assertions.Expect(ui.Page.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync("2027-01-06T08:00");
        await Assertions.Expect(ui.Page.Locator("#ov-picked")).ToContainTextAsync("choose the person");
        await Assertions.Expect(ui.Page.GetByLabel("Person")).ToBeFocusedAsync();
        await ui.Page.GetByLabel("Person").SelectOptionAsync("alice");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Create override" }).ClickAsync();

        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Override created.");
        await Assertions.Expect(schedule.Locator(".cal-gap")).ToHaveCountAsync(0);
        var o = Assert.Single(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/schedules/primary/overrides"))!.AsArray())!;
        Assert.Equal(("alice", "2027-01-05T20:00:00Z", "2027-01-06T08:00:00Z"), (o["person"]!.ToString(), o["from"]!.ToString(), o["to"]!.ToString()));
    }

    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Viewer_CannotCreateAnOverride_TheServerRefusesWith403_EvenWhenTheFormIsPosted(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Config, new FakeTimeProvider(Noon));
        await using var ui = await UiBrowser.OpenAsync(vigil, timezone: "UTC");
        await ui.SignInWithTokenAsync(await vigil.CreateTokenAsync("read"), "/ui/oncall");
        await Assertions.Expect(ui.Page.GetByText("Your role (viewer) cannot create overrides")).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "Create override" })).ToBeDisabledAsync();

        // What a hand-made request would do: enable the form and post it anyway (after the live parts' one fetch when
        // the page's event stream opens).
        await ui.Page.WaitForFunctionAsync("() => document.documentElement.getAttribute('data-live-state') === 'current'");
        await ui.Page.EvaluateAsync("() => document.querySelector('#override fieldset').disabled = false");
        await ui.Page.GetByLabel("From").FillAsync("2027-01-05T20:00");
        await ui.Page.GetByLabel("To", new() { Exact = true }).FillAsync("2027-01-06T08:00");
        var response = await ui.Page.RunAndWaitForResponseAsync(
            () => ui.Page.GetByRole(AriaRole.Button, new() { Name = "Create override" }).ClickAsync(),
            r => r.Url.Contains("/ui/oncall", StringComparison.Ordinal) && r.Request.Method == "POST");

        Assert.Equal(403, response.Status);
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot create overrides");
        Assert.Equal("[]", await vigil.Http.GetStringAsync("api/v1/schedules/primary/overrides"));
    }

    [Fact]
    public async Task MonthView_ShowsEveryDayAndTheGaps_AndTheAdminSeesTheICalLink_OnALaptopAndAPhone()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config, new FakeTimeProvider(Noon));
        foreach (var (width, height) in new[] { (1280, 720), (390, 844) })
        {
            await using var ui = await UiBrowser.OpenAsync(vigil, width, height, timezone: "Europe/Berlin");
            await ui.SignInWithTokenAsync(path: "/ui/oncall?view=month&start=2027-01-01");
            var schedule = ui.Page.GetByRole(AriaRole.Region, new() { Name = "primary (schedule zone UTC)" });
            await Assertions.Expect(schedule.GetByRole(AriaRole.List, new() { Name = "primary, January 2027" }).Locator("> li")).ToHaveCountAsync(31);
            // Before the first hand-off on 1 January, and four Tuesday nights (5, 12, 19, 26), each shown in the viewer's zone (Berlin: 21:00–09:00).
            await Assertions.Expect(schedule.GetByRole(AriaRole.Note)).ToContainTextAsync("5 coverage gap(s) in this month");
            await Assertions.Expect(schedule.GetByRole(AriaRole.Note)).ToContainTextAsync("nobody 21:00 Tue 2027-01-05–09:00 Wed 2027-01-06 (Europe/Berlin)");
            var feed = await schedule.GetByRole(AriaRole.Link, new() { Name = "iCal feed of primary" }).GetAttributeAsync("href");
            Assert.Contains("/ical/schedules/primary/", feed, StringComparison.Ordinal);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await vigil.CreateClient(null).GetAsync(new Uri(feed!))).StatusCode);
            await schedule.GetByText("Shifts of primary with each person's own zone").ClickAsync();
            await Assertions.Expect(schedule.GetByRole(AriaRole.Row).Filter(new() { HasText = "(America/Los_Angeles)" }).First).ToBeVisibleAsync();
            await ui.AssertAccessibleAsync();
            await ui.AssertFitsWidthAsync();
        }
    }

    [Fact]
    public async Task WeekView_OnAPhone_IsAccessible_AndABadQueryIsA400ThatShowsThisWeek()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config, new FakeTimeProvider(Noon));
        await using var ui = await UiBrowser.OpenAsync(vigil, 390, 844, timezone: "UTC");
        await ui.SignInWithTokenAsync(path: "/ui/oncall");
        await Assertions.Expect(ui.Page.Locator("ol.oncall-cal.week > li")).ToHaveCountAsync(7);
        await ui.AssertAccessibleAsync();
        await ui.AssertFitsWidthAsync();

        var bad = await ui.Page.GotoAsync("/ui/oncall?view=year&start=someday");
        Assert.Equal(400, bad!.Status);
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("view: must be week or month");
        await Assertions.Expect(ui.Page.Locator("ol.oncall-cal.week > li")).ToHaveCountAsync(7);
    }
}
