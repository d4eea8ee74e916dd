using Microsoft.Playwright;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>
/// The seed's lesson in a real browser: a responder silencing a customer-impact alert from the alert list is warned,
/// the silence waits for a second person, and the alert keeps notifying until another responder approves it.
/// </summary>
public sealed class SilenceApprovalFlowTests
{
    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task SilencingACustomerAlert_FromTheList_WarnsAndWaitsForASecondPerson_WhoApprovesIt(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, AlertsUi.Config);
        await AlertsUi.PostNightAsync(vigil);
        var alice = await AlertsUi.TokenAsync(vigil, "alice", "write");
        var bob = await AlertsUi.TokenAsync(vigil, "bob", "write");
        await using var a = await AlertsUi.OpenAsync(vigil);
        await a.SignInWithTokenAsync(alice, "/ui/alerts");

        await a.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Select CheckoutFailing" }).CheckAsync();
        await a.Page.GetByRole(AriaRole.Button, new() { Name = "Silence selected alerts" }).ClickAsync();
        await Assertions.Expect(a.Page.GetByLabel("Matchers")).ToHaveValueAsync(
            "alertname=\"CheckoutFailing\" impact=\"customer\" service=\"checkout\" severity=\"critical\"");
        await a.Page.GetByLabel("Duration").FillAsync("1h");
        await a.Page.GetByLabel("Comment").FillAsync("Reboot noise, looks routine");
        await a.Page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var warning = a.Page.Locator(".customer-warning");
        await Assertions.Expect(warning).ToContainTextAsync("would hide 1 customer-impact alert");
        await Assertions.Expect(warning).ToContainTextAsync("second person's approval");
        await Assertions.Expect(a.Page.Locator(".preview-count")).ToContainTextAsync("0 alerts muted at once, 1 customer-impact alert after approval");
        await a.AssertAccessibleAsync();

        await a.Page.GetByRole(AriaRole.Button, new() { Name = "Create silence" }).ClickAsync();
        await Assertions.Expect(a.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "created" })).ToContainTextAsync("Pending approval");
        await Assertions.Expect(a.Page.Locator(".notice")).ToContainTextAsync("Who can approve: admin, bob");
        var silenceId = new Uri(a.Page.Url).Query.Split('&')[0].Split('=')[1];
        var (state, silencedBy) = await AlertsUi.StatusAsync(vigil, "CheckoutFailing");
        Assert.Equal("active", state);
        Assert.Empty(silencedBy);

        // The creator cannot approve their own silence: the server says so.
        await a.Page.GotoAsync("/ui/silences?tab=approval");
        var refused = a.Page.WaitForResponseAsync(r => r.Url.Contains("/ui/silences", StringComparison.Ordinal) && r.Request.Method == "POST");
        await a.Page.GetByRole(AriaRole.Button, new() { Name = "Approve silence" }).ClickAsync();
        Assert.Equal(403, (await refused).Status);
        await Assertions.Expect(a.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot also approve it");
        await a.Page.GotoAsync("/ui/alerts?filter=" + Uri.EscapeDataString("alertname=\"CheckoutFailing\""));
        await Assertions.Expect(a.Page.Locator("ul.reasons")).ToContainTextAsync("awaiting approval");

        await using var b = await AlertsUi.OpenAsync(vigil);
        await b.SignInWithTokenAsync(bob, "/ui/silences?tab=approval");
        await Assertions.Expect(b.Page.Locator("table.silences")).ToContainTextAsync("Reboot noise, looks routine");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Approve silence" }).ClickAsync();
        await Assertions.Expect(b.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "approved" })).ToContainTextAsync("now mutes customer-impact alerts");
        await Assertions.Expect(b.Page.Locator("table.silences")).ToContainTextAsync("approved by user:bob");

        (state, silencedBy) = await AlertsUi.StatusAsync(vigil, "CheckoutFailing");
        Assert.Equal("suppressed", state);
        Assert.Equal([silenceId], silencedBy);
        await a.Page.ReloadAsync();
        var reason = a.Page.Locator("ul.reasons li.silenced");
        await Assertions.Expect(reason).ToContainTextAsync("silence " + silenceId[..8]);
        await Assertions.Expect(reason).ToContainTextAsync("Reboot noise, looks routine");
        await Assertions.Expect(reason).ToContainTextAsync("alice");
    }
}
