using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary><c>/api/v1/incidents</c> on both engines: what a responder sees after opening, updating, noting, assigning and resolving.</summary>
public sealed class IncidentApiTests
{
    private static readonly DateTimeOffset Night = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Incident_OpenedUpdatedNotedAndResolved_ShowsEachChangeOnItsTimelineInOrder(string engine)
    {
        var clock = new FakeTimeProvider(Night);
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal, clock);
        var id = await IncidentClient.OpenAsync(vigil);

        clock.Advance(TimeSpan.FromMinutes(4));
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Patch, $"api/v1/incidents/{id}", """{"status":"identified","severity":"SEV2","rootCause":"data volume not mounted"}""");
        clock.Advance(TimeSpan.FromMinutes(1));
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{id}/notes", """{"text":"vendor engineer on the way"}""", HttpStatusCode.Created);
        clock.Advance(TimeSpan.FromMinutes(1));
        var resolved = await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{id}/resolve", "{}");

        Assert.Equal("resolved", resolved["status"]!.ToString());
        var shown = await IncidentClient.ShowAsync(vigil, id);
        Assert.Equal("SEV2", shown["severity"]!.ToString());
        Assert.Equal("alice", shown["commander"]!.ToString());
        Assert.Equal("data volume not mounted", shown["rootCause"]!.ToString());
        Assert.Equal(Night.AddMinutes(6), shown["times"]!["resolvedAt"]!["at"]!.GetValue<DateTimeOffset>());
        var timeline = shown["timeline"]!.AsArray().Select(e => (e!["kind"]!.ToString(), e["text"]!.ToString(), e["at"]!.GetValue<DateTimeOffset>()));
        Assert.Equal(
        [
            ("opened", "opened SEV1 \"Site down\", investigating, commander alice", Night),
            ("severity", "severity SEV1 → SEV2", Night.AddMinutes(4)),
            ("status", "status investigating → identified", Night.AddMinutes(4)),
            ("rootCause", "rootCause: data volume not mounted", Night.AddMinutes(4)),
            ("note", "vendor engineer on the way", Night.AddMinutes(5)),
            ("resolved", "resolved", Night.AddMinutes(6)),
        ], timeline);

        var again = await IncidentClient.RefusedAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{id}/resolve", "{}");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("already resolved", again.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task LinkedAlerts_GiveTheDetectedAndImpactTimes_AndACorrectionIsATimelineEntryValidatedForOrder(string engine)
    {
        var clock = new FakeTimeProvider(Night);
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal, clock);
        var start = Night.AddMinutes(-1);
        var posted = await vigil.PostAlertsAsync($$"""[{"labels":{"alertname":"SiteDown","impact":"customer"},"startsAt":"{{start:O}}"}]""");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var fingerprint = await Eventually.GetAsync(async () => (await vigil.GetAlertsAsync()).FirstOrDefault()?["fingerprint"]?.ToString(), f => f is not null);
        var id = await IncidentClient.OpenAsync(vigil, $$"""{"title":"Site down","severity":"SEV1","alerts":["{{fingerprint}}"]}""");

        var shown = await IncidentClient.ShowAsync(vigil, id);
        Assert.Equal(start, shown["times"]!["detectedAt"]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal("derived", shown["times"]!["impactStartedAt"]!["origin"]!.ToString());
        Assert.Null(shown["times"]!["mitigatedAt"]);
        Assert.True(shown["alerts"]![0]!["customer"]!.GetValue<bool>());

        var early = await IncidentClient.RefusedAsync(vigil.Http, HttpMethod.Patch, $"api/v1/incidents/{id}",
            $$$"""{"times":{"mitigatedAt":"{{{start.AddMinutes(-5):O}}}"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, early.Status);
        Assert.Contains("times.mitigatedAt: cannot precede impactStartedAt", early.Body, StringComparison.Ordinal);

        var mitigated = Night.AddHours(6);
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Patch, $"api/v1/incidents/{id}",
            $$$"""{"times":{"mitigatedAt":"{{{mitigated:O}}}"},"reason":"manual mount at 4:30, traffic back by 8:30"}""");
        shown = await IncidentClient.ShowAsync(vigil, id);
        Assert.Equal(mitigated, shown["times"]!["mitigatedAt"]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal("corrected", shown["times"]!["mitigatedAt"]!["origin"]!.ToString());
        var correction = shown["timeline"]!.AsArray().Single(e => e!["kind"]!.ToString() == "correction")!;
        Assert.Contains("mitigatedAt corrected: unknown → 2020-05-11T13:26:00Z (corrected) — manual mount", correction["text"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains(shown["timeline"]!.AsArray(), e => e!["kind"]!.ToString() == "link" && e["link"]!.ToString() == "alert/" + fingerprint);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AssigningRoles_IsAuditedAndOnTheTimeline_AndAReadTokenCannotAssign(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var id = await IncidentClient.OpenAsync(vigil);

        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{id}/roles", """{"role":"commander","person":"carol"}""");
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{id}/roles", """{"role":"communications","person":"dave"}""");
        var shown = await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{id}/roles", """{"role":"scribe","person":"erin"}""");
        Assert.Equal("carol", shown["commander"]!.ToString());
        Assert.Equal("dave", shown["communications"]!.ToString());
        Assert.Equal("erin", shown["roles"]!["scribe"]!.ToString());

        var audit = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/audit?type=incident&id={id}"))!.AsArray();
        Assert.Equal(3, audit.Count(a => a!["action"]!.ToString() == "incident.assign"));
        var roles = (await IncidentClient.ShowAsync(vigil, id))["timeline"]!.AsArray().Where(e => e!["kind"]!.ToString() == "role").Select(e => e!["text"]!.ToString());
        Assert.Equal(["commander: alice → carol", "communications: dave", "scribe: erin"], roles);

        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));
        var refused = await IncidentClient.RefusedAsync(reader, HttpMethod.Post, $"api/v1/incidents/{id}/roles", """{"role":"commander","person":"mallory"}""");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"api/v1/incidents/{id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task List_FiltersByStatusSeverityAndOpen_NewestFirst(string engine)
    {
        var clock = new FakeTimeProvider(Night);
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal, clock);
        var first = await IncidentClient.OpenAsync(vigil, """{"title":"one","severity":"SEV1"}""");
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await IncidentClient.OpenAsync(vigil, """{"title":"two","severity":"sev3"}""");
        clock.Advance(TimeSpan.FromMinutes(1));
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{first}/resolve", "{}");

        async Task<long[]> Ids(string query) =>
            [.. JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/incidents" + query))!.AsArray().Select(i => i!["id"]!.GetValue<long>())];
        Assert.Equal([second, first], await Ids(""));
        Assert.Equal([second], await Ids("?open=true"));
        Assert.Equal([first], await Ids("?status=resolved"));
        Assert.Equal([second], await Ids("?severity=SEV3"));
        Assert.Equal([second], await Ids($"?from={Night.AddSeconds(30):O}".Replace("+", "%2B", StringComparison.Ordinal)));
        Assert.Equal([second], await Ids("?limit=1"));
    }

    [Theory]
    [InlineData("POST", "api/v1/incidents", """{"severity":"SEV1"}""", "title: required")]
    [InlineData("POST", "api/v1/incidents", """{"title":"x","severity":"SEV5"}""", "severity: must be")]
    [InlineData("POST", "api/v1/incidents", """{"title":"x","status":"panicking"}""", "status: must be")]
    [InlineData("POST", "api/v1/incidents", """{"title":"x","alerts":["00000000deadbeef"]}""", "alerts[0]: no alert")]
    [InlineData("POST", "api/v1/incidents", """{"title":"x","pages":[42]}""", "pages[0]: no page 42")]
    [InlineData("POST", "api/v1/incidents", """{"title":"x","windows":["nope"]}""", "windows[0]: no maintenance window")]
    [InlineData("POST", "api/v1/incidents", """{"title":"x","colour":"red"}""", "colour")]
    [InlineData("POST", "api/v1/incidents", """{"title":"line\none"}""", "title: one line")]
    [InlineData("PATCH", "api/v1/incidents/{id}", """{"status":"resolved"}""", "status: resolve with")]
    [InlineData("PATCH", "api/v1/incidents/{id}", """{"times":{"fixedAt":"2020-05-11T07:26:00Z"}}""", "times.fixedAt: not a time of an incident")]
    [InlineData("PATCH", "api/v1/incidents/{id}", """{"times":{"mitigatedAt":"yesterday"}}""", "times.mitigatedAt: not an RFC 3339 time")]
    [InlineData("PATCH", "api/v1/incidents/{id}", """{"times":{"mitigatedAt":"0001-01-01T00:00:00Z"}}""", "times.mitigatedAt:")]
    [InlineData("POST", "api/v1/incidents/{id}/notes", """{"text":"  "}""", "text: required")]
    [InlineData("POST", "api/v1/incidents/{id}/roles", """{"role":"Big Boss","person":"x"}""", "role: lower-case")]
    [InlineData("GET", "api/v1/incidents?status=sleeping", "", "status: must be")]
    [InlineData("GET", "api/v1/incidents?limit=0", "", "limit: must be between")]
    [InlineData("GET", "api/v1/incidents?from=tuesday", "", "from: not an RFC 3339 time")]
    public async Task BadInput_IsRefusedWith400NamingTheField_AndChangesNothing(string method, string path, string body, string expected)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var id = await IncidentClient.OpenAsync(vigil);
        var before = await vigil.Http.GetStringAsync($"api/v1/incidents/{id}");

        var (status, text) = method == "GET"
            ? await ReadAsync(vigil.Http, path)
            : await IncidentClient.RefusedAsync(vigil.Http, new HttpMethod(method), path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), body);

        Assert.True(status == HttpStatusCode.BadRequest, $"{status}: {text}");
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Equal(before, await vigil.Http.GetStringAsync($"api/v1/incidents/{id}"));
        Assert.Single(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/incidents"))!.AsArray());
    }

    [Theory]
    [InlineData("GET", "api/v1/incidents/99")]
    [InlineData("GET", "api/v1/incidents/abc")]
    [InlineData("PATCH", "api/v1/incidents/99")]
    [InlineData("POST", "api/v1/incidents/-1/notes")]
    [InlineData("POST", "api/v1/incidents/99/resolve")]
    public async Task UnknownIncident_Is404(string method, string path)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var (status, _) = await IncidentClient.RefusedAsync(vigil.Http, new HttpMethod(method), path, path.EndsWith("/notes", StringComparison.Ordinal) ? """{"text":"x"}""" : "{}");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    private static async Task<(HttpStatusCode, string)> ReadAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
