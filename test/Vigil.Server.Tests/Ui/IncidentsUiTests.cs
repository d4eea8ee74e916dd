using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Vigil.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Server.Tests.Ui;

/// <summary>Incidents in a real Chromium: open one, write on its timeline, post for customers, export the postmortem.</summary>
public sealed class IncidentsUiTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Incident_OpenedInTheUi_TakesANoteOnItsTimeline_ACommander_APublicUpdate_AndExportsItsPostmortem(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, UiScenario.Config(hook.Url));
        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(path: "/ui/incidents");
        await Expect(ui.Page.Locator("#incident-list")).ToContainTextAsync("No open incidents");
        await ui.AssertAccessibleAsync();

        await ui.Page.GetByLabel("Title").FillAsync("Checkout returns 502");
        await ui.Page.GetByLabel("Severity").SelectOptionAsync("SEV1");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Open incident" }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Checkout returns 502");
        var id = ui.Page.Url.Split('/')[^1];

        await ui.Page.GetByLabel("Timeline note").FillAsync("Rolled back release 4.2 on web-1");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Note added");
        await Expect(ui.Page.Locator("#incident-timeline")).ToContainTextAsync("Rolled back release 4.2 on web-1");
        await Expect(ui.Page.Locator("#incident-timeline")).ToContainTextAsync("user:admin");

        await ui.Page.GetByLabel("Person (empty to unassign)").FillAsync("alice");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Expect(ui.Page.Locator("#incident-head")).ToContainTextAsync("alice");

        await ui.Page.GetByLabel("Public update (shown on the status page)").FillAsync("We are investigating failed checkouts.");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Post update" }).ClickAsync();
        await Expect(ui.Page.Locator("#incident-updates")).ToContainTextAsync("We are investigating failed checkouts.");

        await ui.Page.GetByLabel("What they must do").FillAsync("Replace the failed PSU in rack 12");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Open ticket" }).ClickAsync();
        await Expect(ui.Page.Locator("#incident-vendors")).ToContainTextAsync("response: due");
        await ui.AssertAccessibleAsync();
        await ui.ScreenshotForDocsAsync("incident", fullPage: true);

        var download = await ui.Page.RunAndWaitForDownloadAsync(() => ui.Page.GetByRole(AriaRole.Link, new() { Name = "Markdown" }).ClickAsync());
        var markdown = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("Checkout returns 502", markdown, StringComparison.Ordinal);
        Assert.Contains("Rolled back release 4.2 on web-1", markdown, StringComparison.Ordinal);

        var incident = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/incidents/{id}"))!;
        Assert.Equal("alice", incident["roles"]!["commander"]!.ToString());
        var audit = await vigil.Http.GetStringAsync("api/v1/audit?limit=50");
        Assert.Contains("user:admin", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncidentPage_WithACustomerAlertLinked_DrawsTheImpactChart_AndAViewerCannotAddNotes()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", UiScenario.Config(hook.Url));
        await vigil.PostAlertsAsync(UiScenario.Alert("CheckoutErrors", "critical", ",\"impact\":\"customer\""));
        var fingerprint = await Eventually.GetAsync(async () =>
            JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/alerts?filter=alertname%3D%22CheckoutErrors%22"))!.AsArray().FirstOrDefault()?["fingerprint"]?.ToString(),
            f => f is not null);
        var id = await Incidents.IncidentClient.OpenAsync(vigil, $$"""{"title":"Checkout errors","severity":"SEV2","alerts":["{{fingerprint}}"]}""");
        var viewer = await UiScenario.TokenAsync(vigil, "vera", "read");

        await using var ui = await UiBrowser.OpenAsync(vigil);
        await ui.SignInWithTokenAsync(viewer, $"/ui/incidents/{id}");
        var chart = ui.Page.Locator("#incident-impact svg[role=img]");
        await Expect(chart).ToBeVisibleAsync();
        await Expect(ui.Page.Locator("#incident-impact")).ToContainTextAsync("customer-minutes lost");
        await Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "Add note" })).ToHaveCountAsync(0);
        await ui.AssertAccessibleAsync();

        // A viewer's page has no note form: a crafted post names a form that is not there.
        var refused = await ui.PostFormAsync($"/ui/incidents/{id}", "incident-note", new() { ["Text"] = "sneaky" });
        Assert.Equal(400, refused.Status);
        var timeline = await vigil.Http.GetStringAsync($"api/v1/incidents/{id}/timeline");
        Assert.DoesNotContain("sneaky", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncidentPages_AtAPhonesSize_FitTheScreen()
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", UiScenario.Config(hook.Url));
        var id = await Incidents.IncidentClient.OpenAsync(vigil, """{"title":"Checkout failing for a long while with a long title","severity":"SEV1"}""");
        await using var ui = await UiBrowser.OpenAsync(vigil, 390, 844);
        await ui.SignInWithTokenAsync(path: "/ui/incidents");
        await ui.AssertFitsWidthAsync();
        await ui.AssertAccessibleAsync();
        await ui.Page.GotoAsync($"/ui/incidents/{id}");
        await Expect(ui.Page.Locator("#incident-timeline")).ToBeVisibleAsync();
        await ui.AssertFitsWidthAsync();
        await ui.AssertAccessibleAsync();
    }
}
