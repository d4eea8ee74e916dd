using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigil.Server.Tests.Plans;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>
/// Plan runs in a real Chromium against a real HAProxy and real agents (<see cref="PlanRig"/>): a run started from the
/// plan's page is followed live to its end, and a run halted by its gate is retried from the page by a responder
/// (never by a viewer: the server refuses with 403) and goes on.
/// </summary>
public sealed class PlanRunPageTests
{
    /// <summary>Drains and re-enables each member in turn; the waits make each host's steps take a few seconds to watch.</summary>
    private const string Plan = """
        name: drain-web
        description: drain and re-enable each member of web
        hosts: {pool: web}
        serial: 1
        steps:
          - gate: pool_min_healthy
          - haproxy: drain
          - wait: drained
            timeout: 20s
          - wait: duration
            duration: 4s
          - haproxy: ready
          - wait: haproxy_up
            timeout: 20s

        """;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task RunStartedFromThePlanPage_IsFollowedLive_WithoutReload_UntilItSucceeds(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1);
        await StorePlanAsync(rig);
        var token = await rig.Vigil.CreateTokenAsync("write");
        await using var ui = await UiBrowser.OpenAsync(rig.Vigil);
        await ui.SignInWithTokenAsync(token, "/ui/maintenance");
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "drain-web" }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Plan drain-web", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.GetByRole(AriaRole.Link, new() { Name = "lb-2" })).ToBeVisibleAsync();
        await ui.AssertAccessibleAsync();

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Start a run of drain-web" }).ClickAsync();
        await Assertions.Expect(ui.Page).ToHaveURLAsync(new Regex("/ui/maintenance/runs/run-"));
        await ui.Page.WaitForFunctionAsync("() => document.documentElement.getAttribute('data-live-state') !== null");
        await ui.Page.EvaluateAsync("() => { window.vigilTestMarker = 'same page'; }");

        var state = ui.Page.Locator("[data-testid=run-state]");
        await Assertions.Expect(state).ToHaveTextAsync("succeeded", new() { Timeout = 90_000 });
        await Assertions.Expect(HostRow(ui.Page, "lb-1")).ToContainTextAsync("done");
        await Assertions.Expect(HostRow(ui.Page, "lb-2")).ToContainTextAsync("done");
        // The page followed the run without reloading: the script swapped the live region in place.
        Assert.Equal("same page", await ui.Page.EvaluateAsync<string>("() => window.vigilTestMarker"));
        Assert.NotNull(await ui.Page.Locator("#run-live").GetAttributeAsync("data-refreshed"));
        await ui.AssertAccessibleAsync();
        await MaintUiForms.AssertFitsAPhoneAsync(ui);

        var id = ui.Page.Url[(ui.Page.Url.LastIndexOf('/') + 1)..];
        Assert.Equal("succeeded", (await rig.RunAsync(id))["state"]!.ToString());
        var audit = JsonNode.Parse(await rig.Vigil.Http.GetStringAsync("api/v1/audit?limit=200"))!.AsArray();
        Assert.Contains(audit, a => a!["action"]!.ToString() == "start" && a["objectId"]!.ToString() == id && a["actor"]!.ToString().StartsWith("user:", StringComparison.Ordinal));

        await ui.Page.GotoAsync("/ui/maintenance");
        await Assertions.Expect(ui.Page.Locator("#maint-runs")).ToContainTextAsync(id);
        await ui.AssertAccessibleAsync();
        await MaintUiForms.AssertFitsAPhoneAsync(ui);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task HaltedRun_ShowsTheFailingGate_ViewerIsRefused403_ResponderRetriesFromThePage_AndTheRunGoesOn(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1);
        rig.Haproxy["s2"].Unmount();
        await rig.Haproxy.WaitForStatusAsync("s2", "DOWN");
        await StorePlanAsync(rig);
        var started = await rig.Vigil.Http.PostAsJsonAsync("api/v1/plans/runs", new { name = "drain-web" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!.ToString();
        await rig.WaitForStateAsync(id, "halted");

        // A viewer sees the halt, the buttons are disabled, and a retry posted straight to the server is refused.
        await using var viewer = await UiBrowser.OpenAsync(rig.Vigil);
        await viewer.SignInWithTokenAsync(await rig.Vigil.CreateTokenAsync("read"), $"/ui/maintenance/runs/{id}");
        await Assertions.Expect(viewer.Page.GetByRole(AriaRole.Button, new() { Name = "Retry the halted step" })).ToBeDisabledAsync();
        Assert.Equal(403, await MaintUiForms.PostAsync(viewer, $"/ui/maintenance/runs/{id}", "run-command", ("Command", "retry")));
        Assert.Equal("halted", (await rig.RunAsync(id))["state"]!.ToString());

        await using var ui = await UiBrowser.OpenAsync(rig.Vigil);
        await ui.SignInWithTokenAsync(await rig.Vigil.CreateTokenAsync("write"), $"/ui/maintenance/runs/{id}");
        await Assertions.Expect(ui.Page.Locator("[data-testid=run-state]")).ToHaveTextAsync("halted");
        var halt = ui.Page.Locator(".halt");
        await Assertions.Expect(halt).ToContainTextAsync("Halted: lb-1 at step 1, gate: pool_min_healthy");
        await Assertions.Expect(halt).ToContainTextAsync("below min_healthy 1");
        await Assertions.Expect(halt.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "s2" })).Not.ToHaveCountAsync(0);
        await Assertions.Expect(HostRow(ui.Page, "lb-1")).ToContainTextAsync("halted");
        await ui.AssertAccessibleAsync();
        await MaintUiForms.AssertFitsAPhoneAsync(ui);
        await ui.ScreenshotForDocsAsync("plan-run");

        // A command that does not apply is refused with its reason, an unknown one names the field; neither changes the run.
        Assert.Equal(409, await MaintUiForms.PostAsync(ui, $"/ui/maintenance/runs/{id}", "run-command", ("Command", "resume")));
        Assert.Equal(400, await MaintUiForms.PostAsync(ui, $"/ui/maintenance/runs/{id}", "run-command", ("Command", "reboot")));
        Assert.Equal("halted", (await rig.RunAsync(id))["state"]!.ToString());

        // The secondary is back: the responder retries the gate from the page, and the page follows the run to its end.
        rig.Haproxy["s2"].Mount();
        await rig.Haproxy.WaitForStatusAsync("s2", "UP");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Retry the halted step" }).ClickAsync();
        await ui.Page.WaitForFunctionAsync("() => document.documentElement.getAttribute('data-live-state') !== null");
        await ui.Page.EvaluateAsync("() => { window.vigilTestMarker = 'after retry'; }");
        await Assertions.Expect(ui.Page.Locator("[data-testid=run-state]")).ToHaveTextAsync("succeeded", new() { Timeout = 90_000 });
        Assert.Equal("after retry", await ui.Page.EvaluateAsync<string>("() => window.vigilTestMarker"));
        var run = await rig.RunAsync(id);
        Assert.Equal("succeeded", run["state"]!.ToString());
        var events = (await rig.EventsAsync(id)).Select(e => e!.ToString()).ToList();
        Assert.Contains(events, e => e.StartsWith("retried lb-1", StringComparison.Ordinal) && e.Contains("by user:", StringComparison.Ordinal));
    }

    private static ILocator HostRow(IPage page, string host) => page.Locator($"tr[data-host=\"{host}\"]");

    private static async Task StorePlanAsync(PlanRig rig)
    {
        var stored = await rig.Vigil.Http.PostAsync("api/v1/plans", new StringContent(Plan, Encoding.UTF8, "application/yaml"));
        Assert.True(stored.StatusCode == HttpStatusCode.Created, await stored.Content.ReadAsStringAsync());
    }
}
