using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Vigil.Server.Oncall;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Oncall;

/// <summary>The on-call API on a real server: people, teams, who is on call, shifts, gaps, and overrides on both engines.</summary>
public sealed class OnCallApiTests
{
    [Fact]
    public async Task People_And_Teams_AreListed_AndUnknownOnesAre404()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", OnCallConfigs.Schedules());
        var people = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/people"))!.AsArray();
        Assert.Equal(["alice", "bob", "carol", "dave"], people.Select(p => p!["name"]!.ToString()));
        var alice = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/people/alice"))!;
        Assert.Equal("America/Los_Angeles", alice["timeZone"]!.ToString());
        Assert.Equal(["email", "slack", "webhook"], alice["contactMethods"]!.AsArray().Select(m => m!["type"]!.ToString()));
        Assert.Equal("5m", alice["notificationRules"]![1]!["after"]!.ToString());
        var team = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/teams/sre"))!;
        Assert.Equal(["alice", "bob", "carol"], team["members"]!.AsArray().Select(m => m!.ToString()));
        Assert.Single(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/teams"))!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.GetAsync("api/v1/people/zed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.GetAsync("api/v1/teams/zed")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await vigil.CreateClient(null).GetAsync("api/v1/people")).StatusCode);

        var lookup = (IOnCallLookup)vigil.Services.GetService(typeof(IOnCallLookup))!;
        Assert.Equal("bob@example.com", lookup.FindPerson("bob")!.Email);
        Assert.Equal(["alice", "bob", "carol"], lookup.TeamMembers("sre"));
        Assert.Empty(lookup.TeamMembers("nope"));
        Assert.Empty(lookup.OnCallAt("nope", DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task ThreePeople_Daily0900LosAngeles_NoGapOrOverlap_AcrossBoth2027Changes()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", OnCallConfigs.Schedules());
        foreach (var (from, to) in new[] { ("2027-03-10T17:00:00Z", "2027-03-18T16:00:00Z"), ("2027-11-03T16:00:00Z", "2027-11-11T17:00:00Z") })
        {
            var result = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/schedules/la/shifts?from={from}&to={to}"))!;
            var shifts = result["shifts"]!.AsArray();
            Assert.Equal(8, shifts.Count);
            Assert.Equal(from, shifts[0]!["from"]!.ToString());
            Assert.Equal(to, shifts[^1]!["to"]!.ToString());
            for (var i = 0; i < shifts.Count; i++)
            {
                Assert.Contains("T09:00:00-0", shifts[i]!["fromLocal"]!.ToString(), StringComparison.Ordinal);
                Assert.Contains("T09:00:00-0", shifts[i]!["toLocal"]!.ToString(), StringComparison.Ordinal);
                Assert.True(i == 0 || shifts[i - 1]!["to"]!.ToString() == shifts[i]!["from"]!.ToString());
            }
            var gaps = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/oncall/gaps?schedule=la&from={from}&to={to}"))!;
            Assert.Empty(gaps[0]!["gaps"]!.AsArray());
        }
        // Shown in another zone: same instants, Berlin local times.
        var berlin = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/schedules/la/shifts?from=2027-03-14T16:00:00Z&to=2027-03-15T16:00:00Z&zone=Europe/Berlin"))!;
        Assert.Equal("2027-03-14T17:00:00+01:00", berlin["shifts"]![0]!["fromLocal"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await vigil.Http.GetAsync("api/v1/schedules/la/shifts?zone=Mars/Base")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await vigil.Http.GetAsync("api/v1/schedules/la/shifts?from=yesterday")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.GetAsync("api/v1/schedules/nope/shifts")).StatusCode);
    }

    [Fact]
    public async Task OnCall_AtATime_ForOneOrAllSchedules()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", OnCallConfigs.Schedules());
        var one = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/oncall?schedule=la&at=2027-01-01T17:00:00Z"))!.AsArray();
        Assert.Equal("alice", Assert.Single(one)!["people"]![0]!.ToString());
        var all = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/oncall?at=2027-01-05T02:00:00Z"))!.AsArray();
        Assert.Equal(["la", "berlin"], all.Select(r => r!["schedule"]!.ToString()));
        Assert.Empty(all[1]!["people"]!.AsArray()); // 03:00 in Berlin: the nightly gap
        Assert.Null(all[1]!["shift"]);
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.GetAsync("api/v1/oncall?schedule=nope")).StatusCode);
    }

    [Fact]
    public async Task Gaps_ListEveryNightlyHole_InTheScheduleZone()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", OnCallConfigs.Schedules());
        var result = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/oncall/gaps?schedule=berlin&schedule=la&from=2027-03-12T12:00:00Z&to=2027-03-14T12:00:00Z"))!.AsArray();
        var berlin = result[0]!;
        Assert.Equal(["nobody 02:00–06:00 Sat 2027-03-13 (Europe/Berlin)", "nobody 02:00–06:00 Sun 2027-03-14 (Europe/Berlin)"],
            berlin["gaps"]!.AsArray().Select(g => g!["text"]!.ToString()));
        Assert.Equal("8h", berlin["uncovered"]!.ToString());
        Assert.Equal("la", result[1]!["schedule"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Override_Created_Wins_IsAudited_SurvivesRestart_AndIsDeleted(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, OnCallConfigs.Schedules());
        const string at = "2027-01-01T20:00:00Z";
        Assert.Equal("alice", await OnCallAsync(vigil, at));

        var created = await vigil.Http.PostAsync("api/v1/schedules/la/overrides",
            Json("""{"person":"dave","from":"2027-01-01T19:00:00Z","to":"2027-01-01T21:00:00Z","note":"swap"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var o = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var id = o["id"]!.ToString();
        Assert.Equal("dave", await OnCallAsync(vigil, at));
        var shifts = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/schedules/la/shifts?from=2027-01-01T17:00:00Z&to=2027-01-02T17:00:00Z"))!["shifts"]!.AsArray();
        Assert.Equal(["alice", "dave", "alice"], shifts.Select(s => s!["person"]!.ToString()));
        Assert.Equal("override", shifts[1]!["layer"]!.ToString());
        var lookup = (IOnCallLookup)vigil.Services.GetService(typeof(IOnCallLookup))!;
        Assert.Equal(["dave"], lookup.OnCallAt("la", DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

        var audit = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/audit?type=schedule-override"))!.AsArray();
        Assert.Contains(audit, e => e!["objectId"]!.ToString() == id && e["action"]!.ToString() == "create");

        await vigil.RestartAsync();
        Assert.Equal("dave", await OnCallAsync(vigil, at));
        Assert.Single(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/schedules/la/overrides"))!.AsArray());

        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.DeleteAsync($"api/v1/schedules/la/overrides/{id}")).StatusCode);
        Assert.Equal("alice", await OnCallAsync(vigil, at));
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.DeleteAsync($"api/v1/schedules/la/overrides/{id}")).StatusCode);
        audit = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/audit?type=schedule-override"))!.AsArray();
        Assert.Contains(audit, e => e!["objectId"]!.ToString() == id && e["action"]!.ToString() == "delete");
    }

    [Theory]
    [InlineData("""{"person":"zed","from":"2027-01-01T19:00:00Z","to":"2027-01-01T21:00:00Z"}""", "person: unknown person \"zed\"")]
    [InlineData("""{"person":"dave","from":"2027-01-01T19:00:00Z","to":"2027-01-01T18:00:00Z"}""", "to: must be after from")]
    [InlineData("""{"person":"dave","from":"soon","to":"2027-01-01T18:00:00Z"}""", "from: not an RFC 3339 time: \"soon\"")]
    [InlineData("""[1]""", "body: expected a JSON object with person, from and to")]
    [InlineData("""{"person":"dave","from":"2027-01-01T19:00:00Z","to":"9999-12-31T23:59:59Z"}""", "to: 9999-12-31T23:59:59Z is out of range; give a time from 1000-01-01T00:00:00Z to before 9000-01-01T00:00:00Z")]
    [InlineData("""{"person":"dave","from":"0001-01-01T00:00:00Z","to":"2027-01-01T18:00:00Z"}""", "from: 0001-01-01T00:00:00Z is out of range; give a time from 1000-01-01T00:00:00Z to before 9000-01-01T00:00:00Z")]
    [InlineData("""{"person":"dave","from":"2027-01-01T19:00:00Z","to":"-0001-01-01T00:00:00Z"}""", "to: -0001-01-01T00:00:00Z is out of range; give a time from 1000-01-01T00:00:00Z to before 9000-01-01T00:00:00Z")]
    public async Task BadOverride_Is400_AndChangesNothing(string body, string detail)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", OnCallConfigs.Schedules());
        var response = await vigil.Http.PostAsync("api/v1/schedules/la/overrides", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(detail, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.ToString());
        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/schedules/la/overrides"))!.AsArray());
        var readOnly = vigil.CreateClient(await vigil.CreateTokenAsync("read"));
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsync("api/v1/schedules/la/overrides", Json("{}"))).StatusCode);
    }

    private static async Task<string?> OnCallAsync(VigilInstance vigil, string at) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/oncall?schedule=la&at={at}"))![0]!["people"]!.AsArray().FirstOrDefault()?.ToString();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
