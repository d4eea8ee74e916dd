using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>The Alerts page in a real browser: routing groups, amtool filters in the URL, and why each alert is quiet.</summary>
public sealed class AlertsPageTests
{
    [Fact]
    public async Task AlertList_ShowsTheRoutingGroups_WithSeverity_TimesAndLabels_AndIsAccessibleAtBothSizes()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", AlertsUi.Config);
        await AlertsUi.PostNightAsync(vigil);
        await AlertsUi.SilenceAsync(vigil, "instance", "cache-1", "Cache rebuild after the reboot");
        await AlertsUi.SilenceAsync(vigil, "service", "checkout", "Checkout deploy");
        await using var ui = await AlertsUi.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(path: "/ui/alerts");

        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Alerts", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.Locator("ul.reasons li.silenced")).ToContainTextAsync("Cache rebuild after the reboot");
        await Assertions.Expect(ui.Page.Locator("ul.reasons li.held")).ToContainTextAsync("would mute this customer-impact alert once a second person approves it");
        await Assertions.Expect(ui.Page.Locator(".summary")).ToContainTextAsync("6 alerts in 5 groups");
        var hostDown = ui.Page.Locator("section.alert-group").Filter(new() { Has = ui.Page.GetByRole(AriaRole.Heading, new() { Name = "alertname=HostDown" }) });
        await Assertions.Expect(hostDown).ToContainTextAsync("→ ops · 2 alerts");
        await Assertions.Expect(hostDown).ToContainTextAsync("The secondary load balancer has not come back");
        await Assertions.Expect(hostDown.Locator(".label", new() { HasText = "instance=lb-2" })).ToBeVisibleAsync();
        await Assertions.Expect(hostDown.Locator(".badge.critical", new() { HasText = "critical" }).First).ToBeVisibleAsync();
        await Assertions.Expect(hostDown.Locator("time").First).ToContainTextAsync("min ago");
        await Assertions.Expect(hostDown.Locator("td.since").First).ToContainTextAsync("CET");
        await Assertions.Expect(ui.Page.Locator("section.alert-group", new() { HasText = "CheckoutFailing" }).Locator(".badge", new() { HasText = "customer impact" })).ToBeVisibleAsync();
        await ui.AssertAccessibleAsync();
        await ui.ScreenshotForDocsAsync("alerts");

        await using var phone = await AlertsUi.OpenAsync(vigil, 390, 844);
        await phone.SignInWithTokenAsync(path: "/ui/alerts");
        await Assertions.Expect(phone.Page.Locator(".summary")).ToContainTextAsync("6 alerts");
        await phone.AssertAccessibleAsync();
        await phone.AssertFitsWidthAsync();
    }

    [Fact]
    public async Task FilterInTheQueryString_ShowsOnlyMatchingAlerts_AndABadMatcherIsA400NamingIt()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", AlertsUi.Config);
        await AlertsUi.PostNightAsync(vigil);
        await using var ui = await AlertsUi.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(path: "/ui/alerts?filter=" + Uri.EscapeDataString("site=\"east\" severity=~\"crit.*\""));

        await Assertions.Expect(ui.Page.Locator(".summary")).ToContainTextAsync("3 alerts in 2 groups");
        await Assertions.Expect(ui.Page.GetByLabel("Filter by matchers")).ToHaveValueAsync("site=\"east\" severity=~\"crit.*\"");
        await Assertions.Expect(ui.Page.Locator("#alert-list")).Not.ToContainTextAsync("BackendUnreachable");
        await Assertions.Expect(ui.Page.Locator("#alert-list")).Not.ToContainTextAsync("CheckoutFailing");

        // Typing a filter and applying it puts it in the URL, so it can be shared.
        await ui.Page.GetByLabel("Filter by matchers").FillAsync("alertname=RebootOverrun");
        await ui.Page.GetByLabel("Filter by matchers").PressAsync("Enter");
        await Assertions.Expect(ui.Page).ToHaveURLAsync(new Regex("filter=alertname%3DRebootOverrun"));
        await Assertions.Expect(ui.Page.Locator(".summary")).ToContainTextAsync("1 alert in 1 group");

        var bad = await ui.Page.GotoAsync("/ui/alerts?filter=" + Uri.EscapeDataString("alertname=~\"(\""));
        Assert.Equal(400, bad!.Status);
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Filter:");
    }

    [Fact]
    public async Task InhibitedAlert_NamesTheAlertThatInhibitsIt_AndTheStateToggleHidesIt()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", AlertsUi.Config);
        await AlertsUi.PostNightAsync(vigil);
        await using var ui = await AlertsUi.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(path: "/ui/alerts?filter=alertname%3DBackendUnreachable");

        var reason = ui.Page.Locator("ul.reasons li.inhibited");
        await Assertions.Expect(reason).ToContainTextAsync("inhibited by LoadBalancerDown");
        await Assertions.Expect(reason).ToContainTextAsync("site=east");
        await reason.GetByRole(AriaRole.Link, new() { Name = "LoadBalancerDown" }).ClickAsync();
        await Assertions.Expect(ui.Page.Locator(".summary")).ToContainTextAsync("1 alert in 1 group");
        await Assertions.Expect(ui.Page.Locator("#alert-list")).ToContainTextAsync("No load balancer answers");

        await ui.Page.GotoAsync("/ui/alerts");
        await ui.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Inhibited" }).UncheckAsync();
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(ui.Page.Locator(".summary")).ToContainTextAsync("5 alerts in 4 groups");
        await Assertions.Expect(ui.Page.Locator("#alert-list")).Not.ToContainTextAsync("BackendUnreachable");
    }

    private const string TeamsConfig = """
        route:
          receiver: ops
          group_by: [alertname]
          group_wait: 1h
          routes:
            - {receiver: web, matchers: ['team="web"']}
            - {receiver: db, matchers: ['team="db"']}
        receivers:
          - name: ops
          - name: web
            vigil_configs: [{policy: web-ops}]
          - name: db
            vigil_configs: [{policy: db-ops}]
        escalation_policies:
          - name: web-ops
            levels: [{targets: [{person: alice}]}]
          - name: db-ops
            levels: [{targets: [{team: db}]}]
        people:
          - {name: alice, email: alice@example.com}
          - {name: bob, email: bob@example.com}
        teams:
          - {name: db, members: [bob]}
          - {name: web, members: [alice]}
        """;

    [Fact]
    public async Task AssignedToMe_ShowsTheAlertsWhosePolicyPagesTheSignedInPerson_AndMyTeamsAddsTheirTeamLabel()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", TeamsConfig);
        (await vigil.PostAlertsAsync("""
            [{"labels":{"alertname":"WebSlow","team":"web"}},{"labels":{"alertname":"DbLag","team":"db"}},
             {"labels":{"alertname":"Unowned"}},{"labels":{"alertname":"WebNote","team":"web"}}]
            """)).EnsureSuccessStatusCode();
        var alice = await AlertsUi.TokenAsync(vigil, "alice", "write");
        var bob = await AlertsUi.TokenAsync(vigil, "bob", "write");

        await using var a = await AlertsUi.OpenAsync(vigil);
        await a.SignInWithTokenAsync(alice, "/ui/alerts?assigned=me");
        await Assertions.Expect(a.Page.Locator(".summary")).ToContainTextAsync("2 alerts in 2 groups");
        await Assertions.Expect(a.Page.Locator("#alert-list")).ToContainTextAsync("WebSlow");
        await Assertions.Expect(a.Page.Locator("#alert-list")).Not.ToContainTextAsync("DbLag");

        await using var b = await AlertsUi.OpenAsync(vigil);
        await b.SignInWithTokenAsync(bob, "/ui/alerts");
        await b.Page.GetByLabel("Assigned to").SelectOptionAsync("teams");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(b.Page).ToHaveURLAsync(new Regex("assigned=teams"));
        await Assertions.Expect(b.Page.Locator(".summary")).ToContainTextAsync("1 alert in 1 group");
        await Assertions.Expect(b.Page.Locator("#alert-list")).ToContainTextAsync("DbLag");
        await Assertions.Expect(b.Page.Locator(".hint").Filter(new() { HasText = "teams: db" })).ToBeVisibleAsync();
    }
}
