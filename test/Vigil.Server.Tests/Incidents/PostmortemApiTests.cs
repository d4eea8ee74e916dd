using System.Net;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary>
/// <c>/api/v1/incidents/{id}/postmortem</c> and <c>/api/v1/actions</c> on both engines: the postmortem a responder reads
/// after resolving, in the seed's sections and the zone asked for, with the action items and the sections people rewrote.
/// </summary>
public sealed class PostmortemApiTests
{
    // 12:26 AM Pacific (PDT) on 11 May 2020, the seed's night.
    private static readonly DateTimeOffset Night = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AResolvedIncident_HasAPostmortemInTheSeedsSections_WithItsTimesInTheZoneAsked(string engine)
    {
        var clock = new FakeTimeProvider(Night);
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal, clock);
        var id = await IncidentClient.OpenAsync(vigil, """{"title":"Site down after the reboot","severity":"SEV1","commander":"alice","customerImpact":"no customer could reach the site"}""");
        clock.Advance(TimeSpan.FromMinutes(9));
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{id}/notes", """{"text":"ticket opened with the database provider"}""", HttpStatusCode.Created);
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Patch, $"api/v1/incidents/{id}", """{"rootCause":"the data volume did not mount at boot"}""");
        clock.Advance(TimeSpan.FromHours(8).Add(TimeSpan.FromMinutes(-5)));
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{id}/resolve", "{}");
        var item = await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, "api/v1/actions",
            $$"""{"incident":{{id}},"text":"mount /data from fstab with nofail and check it after boot","owner":"bob","due":"2020-05-20"}""", HttpStatusCode.Created);

        var md = await vigil.Http.GetStringAsync($"api/v1/incidents/{id}/postmortem?tz=America/Los_Angeles");

        var headings = md.Split('\n').Where(l => l.StartsWith('#')).ToList();
        Assert.Equal(
        [
            "# Site down after the reboot",
            "## Issue Summary",
            "## Timeline (all times in America/Los_Angeles, PDT)",
            "## Root Cause",
            "## Resolution and Recovery",
            "## Corrective and Preventative Measures",
        ], headings);
        Assert.Contains("- 12:26 AM: opened SEV1 \"Site down after the reboot\"", md, StringComparison.Ordinal);
        Assert.Contains("- 12:35 AM: ticket opened with the database provider", md, StringComparison.Ordinal);
        Assert.Contains("- At 12:35 AM: ticket opened with the database provider", md, StringComparison.Ordinal);
        Assert.Contains("- 8:30 AM: resolved", md, StringComparison.Ordinal);
        Assert.Contains("Customer impact: no customer could reach the site", md, StringComparison.Ordinal);
        Assert.Contains("the data volume did not mount at boot", md, StringComparison.Ordinal);
        Assert.Contains("time to resolve 8 h 4 min", md, StringComparison.Ordinal);
        Assert.Contains("- [ ] mount /data from fstab with nofail and check it after boot — owner bob, due 2020-05-20", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Preliminary", md, StringComparison.Ordinal);

        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/actions/{item["id"]}/done", "{}");
        var utc = await vigil.Http.GetStringAsync($"api/v1/incidents/{id}/postmortem");
        Assert.Contains("## Timeline (all times in UTC", utc, StringComparison.Ordinal);
        Assert.Contains("- 7:26 AM: opened SEV1", utc, StringComparison.Ordinal);
        Assert.Contains("- [x] mount /data from fstab", utc, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AnEditedSection_IsKeptAcrossRegenerations_UntilDropped(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var id = await IncidentClient.OpenAsync(vigil);
        Assert.Contains("_Preliminary: the incident is still open", await vigil.Http.GetStringAsync($"api/v1/incidents/{id}/postmortem"), StringComparison.Ordinal);

        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Put, $"api/v1/incidents/{id}/postmortem/sections/root_cause",
            """{"text":"The reboot left /data unmounted.\nThe failover had been down for three hours."}""");
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Patch, $"api/v1/incidents/{id}", """{"rootCause":"generated text that the edit overrides"}""");
        var edited = await vigil.Http.GetStringAsync($"api/v1/incidents/{id}/postmortem");
        Assert.Contains("## Root Cause\nThe reboot left /data unmounted.\nThe failover had been down for three hours.\n## Resolution", edited, StringComparison.Ordinal);
        var timeline = await vigil.Http.GetStringAsync($"api/v1/incidents/{id}/timeline");
        Assert.Contains("postmortem section root_cause edited", timeline, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.DeleteAsync($"api/v1/incidents/{id}/postmortem/sections/root_cause")).StatusCode);
        var regenerated = await vigil.Http.GetStringAsync($"api/v1/incidents/{id}/postmortem");
        Assert.Contains("## Root Cause\ngenerated text that the edit overrides\n", regenerated, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await vigil.Http.DeleteAsync($"api/v1/incidents/{id}/postmortem/sections/root_cause")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ThePostmortemAsHtml_IsOnePageWithEverythingEscaped(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var id = await IncidentClient.OpenAsync(vigil, """{"title":"<script>alert(1)</script> & down","severity":"SEV2"}""");
        var response = await vigil.Http.GetAsync($"api/v1/incidents/{id}/postmortem?format=html&tz=Europe/Berlin");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; down</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Timeline (all times in Europe/Berlin", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Corrective and Preventative Measures</h2>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task BadInput_IsRefusedNamingTheField_AndChangesNothing(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var id = await IncidentClient.OpenAsync(vigil);

        async Task Refused(HttpMethod method, string path, string json, HttpStatusCode status, string text)
        {
            var (code, body) = await IncidentClient.RefusedAsync(vigil.Http, method, path, json);
            Assert.True(code == status && body.Contains(text, StringComparison.Ordinal), $"{method} {path} {json}: {(int)code} {body}");
        }

        await Refused(HttpMethod.Get, $"api/v1/incidents/{id}/postmortem?tz=Mars/Olympus", "", HttpStatusCode.BadRequest, "tz:");
        await Refused(HttpMethod.Get, $"api/v1/incidents/{id}/postmortem?format=pdf", "", HttpStatusCode.BadRequest, "format:");
        await Refused(HttpMethod.Get, "api/v1/incidents/999/postmortem", "", HttpStatusCode.NotFound, "no incident");
        await Refused(HttpMethod.Put, $"api/v1/incidents/{id}/postmortem/sections/timeline", """{"text":"x"}""", HttpStatusCode.BadRequest, "section:");
        await Refused(HttpMethod.Put, $"api/v1/incidents/{id}/postmortem/sections/root_cause", """{}""", HttpStatusCode.BadRequest, "text:");
        await Refused(HttpMethod.Put, "api/v1/incidents/999/postmortem/sections/root_cause", """{"text":"x"}""", HttpStatusCode.NotFound, "no incident 999");
        await Refused(HttpMethod.Post, "api/v1/actions", $$"""{"incident":{{id}},"text":"fix it"}""", HttpStatusCode.BadRequest, "owner: required");
        await Refused(HttpMethod.Post, "api/v1/actions", $$"""{"incident":{{id}},"text":"fix it","owner":"bob","due":"next week"}""", HttpStatusCode.BadRequest, "due:");
        await Refused(HttpMethod.Post, "api/v1/actions", """{"incident":999,"text":"fix it","owner":"bob"}""", HttpStatusCode.NotFound, "no incident 999");
        await Refused(HttpMethod.Post, "api/v1/actions", """{"text":"fix it","owner":"bob"}""", HttpStatusCode.BadRequest, "incident:");
        await Refused(HttpMethod.Get, "api/v1/actions?state=maybe", "", HttpStatusCode.BadRequest, "state:");
        await Refused(HttpMethod.Post, "api/v1/actions/999/done", "{}", HttpStatusCode.NotFound, "no action item");

        Assert.Equal("[]", await vigil.Http.GetStringAsync($"api/v1/actions?incident={id}"));
        Assert.Contains("Not written yet", await vigil.Http.GetStringAsync($"api/v1/incidents/{id}/postmortem"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ActionItems_AreListedByIncidentAndState_AndEachChangeIsAudited(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var first = await IncidentClient.OpenAsync(vigil);
        var second = await IncidentClient.OpenAsync(vigil, """{"title":"Slow checkout","severity":"SEV3"}""");
        var a = await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, "api/v1/actions", $$"""{"incident":{{first}},"text":"page a second person for blanket silences","owner":"alice"}""", HttpStatusCode.Created);
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, "api/v1/actions", $$"""{"incident":{{second}},"text":"add a checkout probe","owner":"bob"}""", HttpStatusCode.Created);
        var done = await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/actions/{a["id"]}/done", "{}");

        Assert.Equal("done", done["state"]!.ToString());
        Assert.Single(System.Text.Json.Nodes.JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/actions?incident={first}"))!.AsArray());
        var open = System.Text.Json.Nodes.JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/actions?state=open"))!.AsArray();
        Assert.Equal("add a checkout probe", Assert.Single(open)!["text"]!.ToString());
        var audit = await vigil.Http.GetStringAsync("api/v1/audit?type=action_item");
        Assert.Contains("action_item.add", audit, StringComparison.Ordinal);
        Assert.Contains("action_item.done", audit, StringComparison.Ordinal);
        var timeline = await vigil.Http.GetStringAsync($"api/v1/incidents/{first}/timeline");
        Assert.Contains($"action item {a["id"]} done: page a second person for blanket silences", timeline, StringComparison.Ordinal);
    }
}
