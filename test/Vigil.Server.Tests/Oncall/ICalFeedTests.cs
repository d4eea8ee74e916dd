using System.Net;
using System.Text.Json.Nodes;
using Ical.Net;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Oncall;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Oncall;

/// <summary>iCalendar feeds: the admin API gives a secret URL; the feed needs no token, parses with Ical.Net, and is strict RFC 5545 text.</summary>
public sealed class ICalFeedTests
{
    [Fact]
    public async Task ScheduleFeed_ParsesWithIcalNet_AndMatchesTheShifts()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 10, 12, 0, 0, TimeSpan.Zero));
        await using var vigil = await VigilInstance.StartAsync("sqlite", OnCallConfigs.Schedules(), clock);
        var url = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/schedules/la/ical"))!["url"]!.ToString();
        Assert.Matches("/ical/schedules/la/[0-9a-f]{32}\\.ics$", url);
        using var anonymous = new HttpClient();
        var response = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        AssertStrictRfc5545(text);

        var calendar = Calendar.Load(text)!;
        var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
        Assert.Equal(121, events.Count); // 30 days back and 90 ahead of a daily rotation, cut at both ends
        var spring = events.Single(e => e.DtStart!.AsUtc == new DateTime(2027, 3, 13, 17, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2027, 3, 14, 16, 0, 0, DateTimeKind.Utc), spring.DtEnd!.AsUtc); // 23 h: 09:00 PST to 09:00 PDT
        Assert.StartsWith("On call: ", spring.Summary, StringComparison.Ordinal);
        Assert.Equal(events.Count, events.Select(e => e.Uid).Distinct().Count());
        for (var i = 1; i < events.Count; i++)
        {
            Assert.Equal(events[i - 1].DtEnd!.AsUtc, events[i].DtStart!.AsUtc);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url.Replace("/la/", "/berlin/", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(vigil.Url + "/ical/schedules/la/0123456789abcdef0123456789abcdef.ics")).StatusCode);
        var readOnly = vigil.CreateClient(await vigil.CreateTokenAsync("read"));
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.GetAsync("api/v1/schedules/la/ical")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task PersonFeed_HoldsOnlyTheirShifts_AndItsUrlSurvivesARestart(string engine)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 10, 12, 0, 0, TimeSpan.Zero));
        await using var vigil = await VigilInstance.StartAsync(engine, OnCallConfigs.Schedules(), clock);
        var url = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/people/bob/ical"))!["url"]!.ToString();
        await vigil.RestartAsync();
        var again = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/people/bob/ical"))!["url"]!.ToString();
        Assert.Equal(url[url.IndexOf("/ical/", StringComparison.Ordinal)..], again[again.IndexOf("/ical/", StringComparison.Ordinal)..]);
        using var anonymous = new HttpClient();
        var calendar = Calendar.Load(await anonymous.GetStringAsync(again))!;
        Assert.NotEmpty(calendar.Events);
        Assert.All(calendar.Events, e => Assert.Contains("bob is on call", e.Description, StringComparison.Ordinal));
        Assert.Contains(calendar.Events, e => e.Summary == "On call: berlin");
        Assert.Contains(calendar.Events, e => e.Summary == "On call: la");
    }

    [Fact]
    public void LongLines_AreFoldedAt75Octets_WithoutSplittingACharacter()
    {
        var sb = new System.Text.StringBuilder();
        ICalWriter.Line(sb, "SUMMARY:" + string.Concat(Enumerable.Repeat("Zoë ☎ ", 40)));
        AssertStrictRfc5545("BEGIN:VCALENDAR\r\n" + sb + "END:VCALENDAR\r\n");
        var unfolded = sb.ToString().Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Equal("SUMMARY:" + string.Concat(Enumerable.Repeat("Zoë ☎ ", 40)) + "\r\n", unfolded);
    }

    /// <summary>CRLF only, every physical line at most 75 octets, calendar wrapped, each event with UID, DTSTAMP and UTC times.</summary>
    private static void AssertStrictRfc5545(string text)
    {
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var line in text.Split("\r\n"))
        {
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line);
        }
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        var inEvent = false;
        var seen = new HashSet<string>();
        foreach (var line in unfolded)
        {
            if (line == "BEGIN:VEVENT")
            {
                (inEvent, seen) = (true, []);
            }
            else if (line == "END:VEVENT")
            {
                Assert.Superset(new HashSet<string> { "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY" }, seen);
                inEvent = false;
            }
            else if (inEvent)
            {
                var name = line[..line.IndexOf(':', StringComparison.Ordinal)];
                seen.Add(name);
                if (name is "DTSTART" or "DTEND" or "DTSTAMP")
                {
                    Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", line[(name.Length + 1)..]);
                }
            }
        }
    }
}
