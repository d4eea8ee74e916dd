using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary>
/// The golden test of the seed's night (../shared/seed: the failed reboot of 10 May 2020), replayed against the real server on
/// a fake clock, and the postmortem Vigil writes from it checked against the seed's own timeline in Pacific time: the
/// reboot at 10:30 PM, the alerts at 12:26 AM, the blanket silence at 12:30 AM, the window's end and the customers'
/// outage at 2:30 AM, the vendor ticket at 2:35 AM acknowledged at 3:15 AM (40 minutes against a 30-minute promise), the
/// manual mount at 4:30 AM and the recovery at 8:30 AM — six hours at 100 %, 360 customer-minutes.
/// </summary>
public sealed class SeedNightPostmortemTests
{
    // 10:30 PM PDT on Sunday 10 May 2020.
    private static readonly DateTimeOffset RebootBegins = new(2020, 5, 11, 5, 30, 0, TimeSpan.Zero);

    private static string Config(WebhookCollector phone, WebhookCollector vendor) => $$"""
        route:
          receiver: none
        receivers:
          - name: none
        people:
          - name: alice
            contact_methods: [{type: webhook, url: "{{phone.Url}}alice"}]
        incidents:
          commander: alice
          auto_open:
            - name: customer-impact
              matchers: ['impact="customer"']
              for: 30s
              severity: SEV1
              title: "Customers cannot reach the site"
        vendors:
          - name: dbhost
            webhook: "{{vendor.Url}}tickets"
            response_within: 30m
            on_site_within: 2h
        """;

    private static string Alert(string name, string labels, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        $$"""{"labels":{"alertname":"{{name}}"{{labels}}},"startsAt":"{{startsAt:O}}","endsAt":"{{endsAt:O}}"}""";

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task TheSeedsNight_Replayed_GivesAPostmortemWhoseTimelineInPacificTimeMatchesTheSeeds(string engine)
    {
        await using var phone = await WebhookCollector.StartAsync();
        await using var vendor = await WebhookCollector.StartAsync();
        var clock = new FakeTimeProvider(RebootBegins);
        await using var vigil = await VigilInstance.StartAsync(engine, Config(phone, vendor), clock);
        var http = vigil.Http;
        var later = RebootBegins.AddDays(2);

        // 10:30 PM: the security team's reboot of the load balancer, in a four-hour window.
        var window = await IncidentClient.OkAsync(http, HttpMethod.Post, "api/v1/maintenance",
            $$"""{"targets":["host=\"lb-1\""],"expected":["alertname=~\"HostDown|LoadBalancerDegraded\""],"start":"now","duration":"4h","watcher":"alice","backup":"bob","announcement":"security patch: reboot of lb-1"}""",
            HttpStatusCode.Created);

        // The window's start is recorded when the server's maintenance loop sees it: let it, before the clock moves on.
        await Eventually.GetAsync(() => http.GetStringAsync($"api/v1/maintenance/{window["id"]}/events"), e => e.Contains("\"started\"", StringComparison.Ordinal));

        // 12:26 AM: the reboot keeps failing; the alerts go out (and the window mutes what it expects).
        await AdvanceToAsync(clock, RebootBegins.AddMinutes(116));
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync($"[{Alert("HostDown", ",\"host\":\"lb-1\",\"severity\":\"critical\"", clock.GetUtcNow(), later)}]")).StatusCode);

        // 12:30 AM: the lead SRE silences everything from lb-1 as routine.
        await AdvanceToAsync(clock, RebootBegins.AddMinutes(120));
        await IncidentClient.OkAsync(http, HttpMethod.Post, "api/v2/silences",
            $$"""{"matchers":[{"name":"host","value":"lb-1","isRegex":false,"isEqual":true}],"startsAt":"{{clock.GetUtcNow():O}}","endsAt":"{{clock.GetUtcNow().AddHours(12):O}}","createdBy":"lead-sre","comment":"routine behaviour during the reboot"}""");

        // 2:30 AM: the window ends, and customers cannot reach the site; the customer probe's alert opens the incident.
        var outage = RebootBegins.AddHours(4);
        await AdvanceToAsync(clock, outage);
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync($"[{Alert("SiteDown", ",\"impact\":\"customer\",\"probe\":\"homepage\"", outage, later)}]")).StatusCode);
        await AdvanceToAsync(clock, outage.AddSeconds(30));
        var incident = await Eventually.GetAsync(async () => JsonNode.Parse(await http.GetStringAsync("api/v1/incidents"))!.AsArray().FirstOrDefault(), i => i is not null);
        Assert.True(incident is not null, "the customer-impact rule opened no incident 30 s after SiteDown began");
        var id = incident["id"]!.GetValue<long>();
        var hostDown = (await vigil.GetAlertsAsync()).Single(a => a!["labels"]!["alertname"]!.ToString() == "HostDown")!["fingerprint"]!.ToString();
        await IncidentClient.OkAsync(http, HttpMethod.Patch, $"api/v1/incidents/{id}", $$"""{"alerts":["{{hostDown}}"],"windows":["{{window["id"]}}"]}""");

        // 2:35 AM: a ticket to the database provider, who promised to respond within 30 minutes.
        await AdvanceToAsync(clock, outage.AddMinutes(5));
        await IncidentClient.OkAsync(http, HttpMethod.Post, $"api/v1/incidents/{id}/vendor-tickets",
            """{"vendor":"dbhost","summary":"lb-1 will not serve after its reboot"}""", HttpStatusCode.Created);
        var ackUrl = (await vendor.WaitForAsync(1))[0].Body["links"]!["acknowledge"]!.ToString();

        // 3:15 AM: their engineer arrives and acknowledges through the link in the ticket.
        await AdvanceToAsync(clock, outage.AddMinutes(45));
        using (var anonymous = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync(ackUrl, null)).StatusCode);
        }
        var ticket = JsonNode.Parse(await http.GetStringAsync($"api/v1/incidents/{id}/vendor-tickets"))!.AsArray().Single()!["id"]!.ToString();
        await IncidentClient.OkAsync(http, HttpMethod.Post, $"api/v1/vendor-tickets/{ticket}/engaged", "{}");

        // 4:30 AM: /data mounted by hand; slow, staged restarts begin.
        await AdvanceToAsync(clock, outage.AddHours(2));
        await IncidentClient.OkAsync(http, HttpMethod.Post, $"api/v1/incidents/{id}/notes",
            """{"text":"the database provider mounted /data by hand; staged restarts begin"}""", HttpStatusCode.Created);

        // 8:30 AM: 100 % of traffic back.
        var recovered = outage.AddHours(6);
        await AdvanceToAsync(clock, recovered);
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync(
            $"[{Alert("SiteDown", ",\"impact\":\"customer\",\"probe\":\"homepage\"", outage, recovered)},{Alert("HostDown", ",\"host\":\"lb-1\",\"severity\":\"critical\"", RebootBegins.AddMinutes(116), recovered)}]")).StatusCode);
        await Eventually.GetAsync(() => IncidentClient.ShowAsync(vigil, id), i => i["times"]!["impactEndedAt"] is not null);
        await IncidentClient.OkAsync(http, HttpMethod.Post, $"api/v1/incidents/{id}/resolve", """{"rootCause":"the data volume did not mount at boot"}""");

        var md = await http.GetStringAsync($"api/v1/incidents/{id}/postmortem?tz=America/Los_Angeles");
        var lines = md.Split('\n');

        // The seed's timeline, line by line: each of its times has Vigil's record of what happened then.
        (string Clock, string What)[] seed =
        [
            ("10:30 PM", "began"),
            ("12:26 AM", "HostDown"),
            ("12:30 AM", "silence {host=\"lb-1\"}"),
            ("2:30 AM", "ended"),
            ("2:30 AM", "SiteDown"),
            ("2:35 AM", "opened with dbhost"),
            ("3:15 AM", "acknowledged (40m after opening, 10m late)"),
            ("4:30 AM", "mounted /data by hand"),
            ("8:30 AM", "resolved"),
        ];
        foreach (var (time, what) in seed)
        {
            Assert.True(lines.Any(l => l.StartsWith($"- {time}: ", StringComparison.Ordinal) && l.Contains(what, StringComparison.Ordinal)),
                $"no timeline line at {time} with \"{what}\" in:\n{md}");
        }
        Assert.Contains("## Timeline (all times in America/Los_Angeles, PDT)", lines);
        Assert.True(Array.IndexOf(lines, "Sunday 10 May 2020:") < Array.IndexOf(lines, "Monday 11 May 2020:"), md);
        var summary = lines.SkipWhile(l => l != "## Issue Summary").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        Assert.Equal("From 2:30 AM on Monday 11 May 2020 to 8:30 AM (6 h): Customers cannot reach the site.", summary[0]);
        Assert.Contains(summary, l => l.Contains("peak 100 % of customer-facing checks failing; 360 customer-minutes lost", StringComparison.Ordinal));
        Assert.Contains(summary, l => l == "Root cause: the data volume did not mount at boot");
        Assert.Contains(lines, l => l.StartsWith("- dbhost (ticket #", StringComparison.Ordinal)
            && l.Contains("acknowledged 3:15 AM by dbhost (link), 40 min after opening — promised within 30 min, 10 min late (MISSED)", StringComparison.Ordinal));

        var analytics = JsonNode.Parse(await http.GetStringAsync($"api/v1/analytics/incidents?from={RebootBegins:O}&to={later:O}".Replace("+", "%2B", StringComparison.Ordinal)))!;
        Assert.Equal(1, analytics["vendorDeadlinesMissed"]!.GetValue<int>());
        var impact = JsonNode.Parse(await http.GetStringAsync($"api/v1/incidents/{id}/impact"))!;
        Assert.Equal(360, impact["customerMinutes"]!.GetValue<double>(), 3);
        Assert.All(impact["series"]!.AsArray(), p => Assert.Equal(1.0, p!["failingShare"]!.GetValue<double>(), 6));
    }

    /// <summary>Moves the fake clock to <paramref name="target"/> in steps, letting the server's loops (windows, rules, deadlines) keep up.</summary>
    private static async Task AdvanceToAsync(FakeTimeProvider clock, DateTimeOffset target)
    {
        while (clock.GetUtcNow() < target)
        {
            var step = target - clock.GetUtcNow();
            clock.Advance(step < TimeSpan.FromMinutes(1) ? step : TimeSpan.FromMinutes(1));
            await Task.Delay(5);
        }
        await Task.Delay(50);
    }
}
