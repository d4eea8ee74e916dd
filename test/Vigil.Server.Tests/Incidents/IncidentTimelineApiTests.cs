using System.Net;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Escalation;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary>
/// The timeline an incident shows is merged from what Vigil already stores — its alert, the page it caused, the silence
/// over it, the maintenance window around it — and the incident's own entries, in time order, on both engines.
/// </summary>
public sealed class IncidentTimelineApiTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Timeline_MergesAlertPageSilenceWindowAndNotes_InTimeOrder_AndRendersInTheAskedZone(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var smtp = await SmtpSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, EscalationClient.ConfigYaml(hook.Url, smtp.Port));
        var window = await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, "api/v1/maintenance",
            """{"targets":["host=\"lb-1\""],"expected":["alertname=\"RebootInProgress\""],"start":"now","duration":"2h","watcher":"alice","backup":"bob","announcement":"security patch reboot"}""",
            HttpStatusCode.Created);
        var now = TimeProvider.System.GetUtcNow();
        await vigil.PostAlertsAsync($$"""[{"labels":{"alertname":"SiteDown","host":"lb-1","impact":"customer"},"startsAt":"{{now:O}}"}]""");
        var page = (await Eventually.GetAsync(() => EscalationClient.PagesAsync(vigil), p => p.Count == 1)).Single()!;
        var fingerprint = (await vigil.GetAlertsAsync()).Single()!["fingerprint"]!.ToString();
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, "api/v2/silences",
            $$"""{"matchers":[{"name":"alertname","value":"SiteDown","isRegex":false}],"startsAt":"{{now:O}}","endsAt":"{{now.AddHours(1):O}}","createdBy":"lead-sre","comment":"normal during a reboot"}""");

        var id = await IncidentClient.OpenAsync(vigil,
            $$"""{"title":"Site down","severity":"SEV1","alerts":["{{fingerprint}}"],"pages":[{{page["id"]}}],"windows":["{{window["id"]}}"]}""");
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{id}/notes", """{"text":"ticket opened with the database provider"}""", HttpStatusCode.Created);

        var timeline = await Eventually.GetAsync(
            async () => JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/incidents/{id}/timeline"))!.AsArray(),
            t => t.Any(e => e!["source"]!.ToString() == "window"));
        var sources = timeline.Select(e => (Source: e!["source"]!.ToString(), Kind: e["kind"]!.ToString())).ToList();
        Assert.Contains(("alert", "firing"), sources);
        Assert.Contains(("page", "triggered"), sources);
        Assert.Contains(("silence", "created"), sources);
        Assert.Contains(("window", "started"), sources);
        Assert.Contains(("incident", "opened"), sources);
        Assert.Contains(("incident", "note"), sources);
        var times = timeline.Select(e => e!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.Order(), times);
        var silence = timeline.Single(e => e!["source"]!.ToString() == "silence")!;
        Assert.Equal("lead-sre", silence["actor"]!.ToString());
        Assert.Contains("{alertname=\"SiteDown\"}", silence["text"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("alert/" + fingerprint, timeline.First(e => e!["source"]!.ToString() == "alert")!["link"]!.ToString());
        Assert.Equal(timeline.Count, (await IncidentClient.ShowAsync(vigil, id))["timeline"]!.AsArray().Count);

        var text = await vigil.Http.GetStringAsync($"api/v1/incidents/{id}/timeline?format=text&tz=America/Los_Angeles");
        Assert.StartsWith("Timeline (all times in America/Los_Angeles, P", text, StringComparison.Ordinal);
        Assert.Contains(": ticket opened with the database provider (admin)", text, StringComparison.Ordinal);
        var local = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/incidents/{id}/timeline?tz=Europe/Berlin"))!.AsArray();
        Assert.All(local, e => Assert.Matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0[12]$", e!["local"]!.ToString()));

        var badZone = await vigil.Http.GetAsync($"api/v1/incidents/{id}/timeline?tz=Mars/Olympus");
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
        Assert.Contains("tz:", await badZone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
