using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Config;
using Vigil.Server.Tests.Oncall;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Maintenance.MaintenanceClient;

namespace Vigil.Server.Tests.Maintenance;

/// <summary>
/// The maintenance-window rule on a real server. In schedule <c>la</c> carol is on call until 2027-01-04T17:00Z
/// (09:00 Los Angeles), then alice for a day; in <c>berlin</c> bob is on call that Monday from 06:00 Berlin.
/// </summary>
public sealed class WatcherRuleTests
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2027, 1, 3, 0, 0, 0, TimeSpan.Zero));

    private static JsonObject Window(string start, string duration, string watcher = "alice", string backup = "bob", string? schedule = "la")
    {
        var w = LbWindow(duration);
        w["start"] = start;
        w["watcher"] = watcher;
        w["backup"] = backup;
        if (schedule is not null)
        {
            w["schedule"] = schedule;
        }
        return w;
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task WatcherNotOnCallForTheWholeSpan_Is409_ListingTheUncoveredInterval_AndStoresNothing(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, OnCallConfigs.Schedules(), Clock());
        var (status, body) = await SendAsync(vigil, HttpMethod.Post, "", Window("2027-01-04T15:00:00Z", "4h"));
        Assert.True(status == HttpStatusCode.Conflict, body.ToJsonString());
        var gap = Assert.Single(body["uncovered"]!.AsArray())!;
        Assert.Equal("2027-01-04T15:00:00Z", gap["from"]!.ToString());
        Assert.Equal("2027-01-04T17:00:00Z", gap["to"]!.ToString());
        Assert.Equal("2027-01-04T07:00:00-08:00", gap["fromLocal"]!.ToString());
        Assert.Equal("2027-01-04T09:00:00-08:00", gap["toLocal"]!.ToString());
        Assert.Equal("America/Los_Angeles", gap["zone"]!.ToString());
        Assert.Contains("alice is not on call in schedule la", body["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.Empty(await GetArrayAsync(vigil, "api/v1/maintenance"));
        Assert.Empty(await GetArrayAsync(vigil, "api/v1/schedules/la/overrides"));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Assign_CreatesOverridesForTheUncoveredInterval_AndTheWindow_AndTheRotaShowsTheWatcher(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, OnCallConfigs.Schedules(), Clock());
        var (status, body) = await SendAsync(vigil, HttpMethod.Post, "?assign=true", Window("2027-01-04T15:00:00Z", "4h"));
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
        var check = body["watcherCheck"]!;
        Assert.Equal("assigned", check["result"]!.ToString());
        var o = Assert.Single(check["assigned"]!.AsArray())!;
        Assert.Equal(("alice", "la", "2027-01-04T15:00:00Z", "2027-01-04T17:00:00Z"),
            (o["person"]!.ToString(), o["schedule"]!.ToString(), o["from"]!.ToString(), o["to"]!.ToString()));

        var shifts = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/schedules/la/shifts?from=2027-01-04T15:00:00Z&to=2027-01-04T19:00:00Z"))!["shifts"]!.AsArray();
        Assert.All(shifts, s => Assert.Equal("alice", s!["person"]!.ToString()));
        Assert.Equal("2027-01-04T15:00:00Z", shifts[0]!["from"]!.ToString());
        Assert.Equal("2027-01-04T19:00:00Z", shifts[^1]!["to"]!.ToString());
        var audit = await GetArrayAsync(vigil, "api/v1/audit?type=schedule-override");
        Assert.Contains(audit, e => e!["objectId"]!.ToString() == o["id"]!.ToString() && e["action"]!.ToString() == "create");

        // Now covered: the same window again needs no assignment.
        await vigil.RestartAsync();
        var (again, second) = await SendAsync(vigil, HttpMethod.Post, "", Window("2027-01-04T15:00:00Z", "4h"));
        Assert.True(again == HttpStatusCode.Created, second.ToJsonString());
        Assert.Equal("covered", second["watcherCheck"]!["result"]!.ToString());
        Assert.Empty(second["watcherCheck"]!["assigned"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task BackupNotOnCallAnywhereAtTheStart_Is409_NamingTheBackupAndTheTime(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, OnCallConfigs.Schedules(), Clock());
        var (status, body) = await SendAsync(vigil, HttpMethod.Post, "?assign=true", Window("2027-01-04T15:00:00Z", "4h", backup: "dave"));
        Assert.True(status == HttpStatusCode.Conflict, body.ToJsonString());
        Assert.Contains("the backup dave is not on call in any schedule at the window's start 2027-01-04T15:00:00Z", body["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("dave", body["backup"]!.ToString());
        Assert.Empty(await GetArrayAsync(vigil, "api/v1/maintenance"));
        Assert.Empty(await GetArrayAsync(vigil, "api/v1/schedules/la/overrides")); // the assignment is not made either

        // carol is on call in la at 15:00Z.
        var (ok, created) = await SendAsync(vigil, HttpMethod.Post, "?assign=true", Window("2027-01-04T15:00:00Z", "4h", backup: "carol"));
        Assert.True(ok == HttpStatusCode.Created, created.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ChangingAWindow_IntoAnUncoveredSpan_Is409_AndLeavesItAsItWas(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, OnCallConfigs.Schedules(), Clock());
        var (status, body) = await SendAsync(vigil, HttpMethod.Post, "", Window("2027-01-04T17:00:00Z", "2h"));
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
        Assert.Equal("covered", body["watcherCheck"]!["result"]!.ToString());
        var id = body["id"]!.ToString();

        var (patched, problem) = await SendAsync(vigil, HttpMethod.Patch, "/" + id, new JsonObject { ["start"] = "2027-01-04T16:00:00Z", ["duration"] = "3h" });
        Assert.True(patched == HttpStatusCode.Conflict, problem.ToJsonString());
        var gap = Assert.Single(problem["uncovered"]!.AsArray())!;
        Assert.Equal(("2027-01-04T16:00:00Z", "2027-01-04T17:00:00Z"), (gap["from"]!.ToString(), gap["to"]!.ToString()));
        var (_, shown) = await SendAsync(vigil, HttpMethod.Get, "/" + id);
        Assert.Equal("2027-01-04T17:00:00+00:00", shown["start"]!.ToString());

        var (assigned, changed) = await SendAsync(vigil, HttpMethod.Patch, "/" + id, new JsonObject { ["start"] = "2027-01-04T16:00:00Z", ["duration"] = "3h", ["assign"] = true });
        Assert.True(assigned == HttpStatusCode.OK, changed.ToJsonString());
        Assert.Equal("assigned", changed["watcherCheck"]!["result"]!.ToString());
        Assert.Single(await GetArrayAsync(vigil, "api/v1/schedules/la/overrides"));
    }

    [Fact]
    public async Task SchedulesConfiguredButNoneNamed_Is409_AndTheConfigDefaultIsUsedWhenSet()
    {
        await using (var vigil = await VigilInstance.StartAsync("sqlite", OnCallConfigs.Schedules(), Clock()))
        {
            var (status, body) = await SendAsync(vigil, HttpMethod.Post, "", Window("2027-01-04T17:00:00Z", "2h", schedule: null));
            Assert.True(status == HttpStatusCode.Conflict, body.ToJsonString());
            Assert.Contains("name a schedule (window `schedule` or `maintenance.watcher_schedule`)", body["detail"]!.ToString(), StringComparison.Ordinal);
            var (unknown, problem) = await SendAsync(vigil, HttpMethod.Post, "", Window("2027-01-04T17:00:00Z", "2h", schedule: "nope"));
            Assert.True(unknown == HttpStatusCode.BadRequest, problem.ToJsonString());
        }
        await using (var vigil = await VigilInstance.StartAsync("sqlite", OnCallConfigs.Schedules("maintenance:\n  watcher_schedule: la"), Clock()))
        {
            var (status, body) = await SendAsync(vigil, HttpMethod.Post, "", Window("2027-01-04T15:00:00Z", "4h", schedule: null));
            Assert.True(status == HttpStatusCode.Conflict, body.ToJsonString());
            Assert.Equal("la", body["schedule"]!.ToString());
            Assert.Single(body["uncovered"]!.AsArray());
        }
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task NoSchedulesConfigured_IsAcceptedAsBefore_AndRecordedAsWatcherUnchecked(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var (status, body) = await SendAsync(vigil, HttpMethod.Post, "", LbWindow("2h"));
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
        Assert.Equal("watcher_unchecked", body["watcherCheck"]!["result"]!.ToString());
        var events = await GetArrayAsync(vigil, $"api/v1/maintenance/{body["id"]}/events");
        Assert.Contains(events, e => e!["kind"]!.ToString() == "watcher_unchecked");
    }

    [Theory]
    [InlineData("maintenance:\n  watcher_schedule: nope\n", 2, "maintenance.watcher_schedule", "undefined schedule \"nope\"")]
    [InlineData("maintenance:\n  windows:\n    - targets: ['host=\"a\"']\n      expected: ['alertname=\"X\"']\n      start: 2027-01-04T15:00:00Z\n" +
        "      duration: 1h\n      watcher: alice\n      backup: bob\n      schedule: nope\n", 9, "maintenance.windows[0].schedule", "undefined schedule \"nope\"")]
    public void WatcherScheduleMustNameASchedule(string extra, int lineInExtra, string key, string reason)
    {
        var yaml = "route:\n  receiver: a\nreceivers:\n  - name: a\n" + extra;
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(yaml, "vigil.yaml"));
        Assert.Equal((4 + lineInExtra, key), (e.Line, e.Key));
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }
}
