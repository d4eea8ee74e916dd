using System.Net;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Incidents;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Plans;

/// <summary>A plan run's steps and halt are part of an incident's story: linked directly, or through the run's window.</summary>
public sealed class PlanRunTimelineTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task IncidentLinkingAHaltedRun_ShowsItsStepsHaltAndPageOnTheTimeline_AndAnUnknownRunIsRefused(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1);
        rig.Haproxy["s2"].Unmount();
        await rig.Haproxy.WaitForStatusAsync("s2", "DOWN");
        var id = await rig.StartAsync(PlanRig.RollingReboot());
        var run = await rig.WaitForStateAsync(id, "halted");
        await Eventually.GetAsync(async () => (await rig.EventsAsync(id)).Select(e => e!.ToString()).ToList(), e => e.Any(x => x.StartsWith("paged", StringComparison.Ordinal)));

        var incident = await IncidentClient.OpenAsync(rig.Vigil, $$"""{"title":"lb-1 reboot refused","severity":"SEV3","planRuns":["{{id}}"]}""");
        var timeline = JsonNode.Parse(await rig.Vigil.Http.GetStringAsync($"api/v1/incidents/{incident}/timeline"))!.AsArray();
        var plan = timeline.Where(e => e!["source"]!.ToString() == "plan").ToList();
        foreach (var kind in new[] { "created", "window_opened", "step_started", "step_failed", "halted", "paged" })
        {
            Assert.Contains(plan, e => e!["kind"]!.ToString() == kind);
        }
        var halted = plan.First(e => e!["kind"]!.ToString() == "halted")!;
        Assert.Contains("rolling-reboot on lb-1", halted["text"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal($"plan_run/{id}", halted["link"]!.ToString());

        // Linking the run's window brings the run's events too.
        var byWindow = await IncidentClient.OpenAsync(rig.Vigil, $$"""{"title":"maintenance","severity":"SEV4","windows":["{{run["windowId"]}}"]}""");
        var viaWindow = JsonNode.Parse(await rig.Vigil.Http.GetStringAsync($"api/v1/incidents/{byWindow}/timeline"))!.AsArray();
        Assert.Contains(viaWindow, e => e!["source"]!.ToString() == "plan" && e["kind"]!.ToString() == "halted");

        var (status, body) = await IncidentClient.RefusedAsync(rig.Vigil.Http, HttpMethod.Post, "api/v1/incidents",
            """{"title":"x","severity":"SEV4","planRuns":["run-nope"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("planRuns[0]", body, StringComparison.Ordinal);
    }
}
