using System.Net;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Maintenance.MaintenanceClient;

namespace Vigil.Server.Tests.Maintenance;

/// <summary>Windows on a real server: what the webhook receivers got, and what they did not.</summary>
public sealed class MaintenanceEndToEndTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Window_MutesExpectedSignalOnTarget_AndWhenEndedEarly_ReRaisesItAsCriticalAtOnce(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var ops = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, ops.Url));
        var id = await CreateAsync(vigil, LbWindow("1h"));

        await vigil.PostAlertsAsync("""
            [{"labels":{"alertname":"HostDown","host":"lb-1"}},
             {"labels":{"alertname":"HostDown","host":"db-1"}},
             {"labels":{"alertname":"SiteDown","host":"lb-1","impact":"customer"}}]
            """);
        var first = await hook.WaitForAsync(2);
        Assert.Equal(["HostDown/db-1", "SiteDown/lb-1"], AlertsIn(first).Select(a => $"{a["labels"]!["alertname"]}/{a["labels"]!["host"]}").Order());

        var lb1 = Assert.Single(await vigil.GetAlertsAsync("?filter=" + Uri.EscapeDataString("host=\"lb-1\",alertname=\"HostDown\"")))!;
        Assert.Equal("suppressed", lb1["status"]!["state"]!.ToString());
        Assert.Equal([id], lb1["status"]!["mutedBy"]!.AsArray().Select(w => w!.ToString()));
        var muted = Assert.Single(await GetArrayAsync(vigil, $"api/v1/maintenance/{id}/alerts"))!;
        Assert.Equal("lb-1", muted["labels"]!["host"]!.ToString());
        Assert.Equal([id], muted["status"]!["mutedBy"]!.AsArray().Select(w => w!.ToString()));

        var (status, ended) = await SendAsync(vigil, HttpMethod.Post, $"/{id}/end");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ended", ended["state"]!.ToString());

        // group_interval is 1h: only the end-of-window flush can deliver this now.
        var reRaised = AlertsIn((await hook.WaitForAsync(3)).Skip(2)).Single(a => a["labels"]!["severity"]?.ToString() == "critical");
        Assert.Equal("lb-1", reRaised["labels"]!["host"]!.ToString());
        Assert.Equal("HostDown", reRaised["labels"]!["alertname"]!.ToString());
        Assert.StartsWith($"{id} (patching lb-1) ended at ", reRaised["annotations"]!["vigil_window_outlived"]!.ToString(), StringComparison.Ordinal);

        Assert.Equal(["started", "ended", "overrun"], await EventKindsAsync(vigil, id, 3));
        var audit = await GetArrayAsync(vigil, "api/v1/audit?type=maintenance");
        Assert.Equal(["end", "create"], audit.Select(e => e!["action"]!.ToString()));
        Assert.All(audit, e => Assert.Equal(id, e!["objectId"]!.ToString()));
        Assert.NotNull(audit[0]!["after"]!["endedAt"]);
        Assert.Equal(["127.0.0.1"], audit.Select(e => e!["client"]!.ToString()).Distinct());
        Assert.Empty(ops.Messages); // the warning is due 15m before a 1h window's end
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(vigil, HttpMethod.Post, $"/{id}/end")).Status);

        // The critical copy lives as long as the original: resolving the original resolves it.
        var now = TimeProvider.System.GetUtcNow().ToString("O");
        await vigil.PostAlertsAsync($$"""[{"labels":{"alertname":"HostDown","host":"lb-1"},"endsAt":"{{now}}"}]""");
        var left = await Eventually.GetAsync(() => vigil.GetAlertsAsync("?filter=" + Uri.EscapeDataString("host=\"lb-1\",alertname=\"HostDown\"")), a => a.Count == 0);
        Assert.Empty(left);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Window_EndingOnTime_WarnsTheMaintenanceReceiver_ThenReRaisesWhatStillFires(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var ops = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, ops.Url, warnBeforeEnd: "2s"));
        var id = await CreateAsync(vigil, LbWindow("3s"));
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"HostDown","host":"lb-1"}}]""");

        var warning = (await ops.WaitForAsync(1))[0].Body;
        Assert.Equal("4", warning["version"]!.ToString());
        Assert.Equal("ops", warning["receiver"]!.ToString());
        var alert = Assert.Single(warning["alerts"]!.AsArray())!;
        Assert.Equal("MaintenanceWindowEnding", alert["labels"]!["alertname"]!.ToString());
        Assert.Equal(id, alert["labels"]!["window"]!.ToString());
        Assert.Equal("firing", alert["status"]!.ToString());
        Assert.Contains("1 alert(s) it mutes still fire", alert["annotations"]!["summary"]!.ToString(), StringComparison.Ordinal);

        // Nothing reached the hook while the window was open: its first message is the re-raise at the end.
        var atEnd = (await hook.WaitForAsync(1))[0];
        var critical = AlertsIn([atEnd]).Single(a => a["labels"]!["severity"]?.ToString() == "critical");
        Assert.Equal("lb-1", critical["labels"]!["host"]!.ToString());
        Assert.Contains("vigil_window_outlived", critical["annotations"]!.AsObject().Select(p => p.Key));

        Assert.Equal(["started", "warning", "ended", "overrun"], await EventKindsAsync(vigil, id, 4));
        Assert.Equal("ended", (await SendAsync(vigil, HttpMethod.Get, $"/{id}")).Body["state"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task BadInput_Is400NamingTheField_AndChangesNothing(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, hook.Url));
        var cases = new (string Field, JsonObject Body)[]
        {
            ("watcher", With(LbWindow("1h"), "watcher", "")),
            ("targets", With(LbWindow("1h"), "targets", new JsonArray())),
            ("expected[0]", With(LbWindow("1h"), "expected", new JsonArray("alertname=~\"(\""))),
            ("end", With(With(LbWindow("1h"), "duration", null), "end", "2020-01-01T00:00:00Z")),
            ("duration", With(LbWindow("1h"), "duration", "13h")),
            ("timeZone", With(With(LbWindow("1h"), "cron", "0 2 * * SUN"), "timeZone", "Nowhere/City")),
            ("targets", With(LbWindow("1h"), "targets", "host=lb-1")),
            ("colour", With(LbWindow("1h"), "colour", "red")),
        };
        foreach (var (field, body) in cases)
        {
            var (status, problem) = await SendAsync(vigil, HttpMethod.Post, "", body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{field}: {status} {problem.ToJsonString()}");
            Assert.Contains(field, problem["detail"]!.ToString(), StringComparison.Ordinal);
        }
        var (listed, _) = (await GetArrayAsync(vigil, "api/v1/maintenance"), 0);
        Assert.Equal(["weekly-patching"], listed.Select(w => w!["id"]!.ToString()));
        Assert.Empty(await GetArrayAsync(vigil, "api/v1/audit?type=maintenance"));

        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(vigil, HttpMethod.Post, "/weekly-patching/end")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(vigil, HttpMethod.Post, "/nope/done")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(vigil, HttpMethod.Get, "?state=later")).Status);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Patch_Done_AndStateFilter_AreAudited(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, hook.Url));
        var id = await CreateAsync(vigil, LbWindow("1h"));

        var (patched, body) = await SendAsync(vigil, HttpMethod.Patch, $"/{id}", new JsonObject { ["duration"] = "2h", ["backup"] = "erin" });
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal("erin", body["backup"]!.ToString());
        Assert.Equal(TimeSpan.FromHours(2), (DateTimeOffset)body["end"]! - (DateTimeOffset)body["start"]!);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(vigil, HttpMethod.Post, $"/{id}/done")).Status);

        // The configured weekly-patching window (Sundays 02:00–04:00 Berlin) is active or upcoming depending on today's
        // clock: each filter answers exactly the windows whose state the full list gives.
        var all = await GetArrayAsync(vigil, "api/v1/maintenance");
        string[] Ids(string state) => [.. all.Where(w => w!["state"]!.ToString() == state).Select(w => w!["id"]!.ToString()).Order(StringComparer.Ordinal)];
        var active = await GetArrayAsync(vigil, "api/v1/maintenance?state=active");
        Assert.Equal(Ids("active"), active.Select(w => w!["id"]!.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(Ids("upcoming"), (await GetArrayAsync(vigil, "api/v1/maintenance?state=upcoming")).Select(w => w!["id"]!.ToString()).Order(StringComparer.Ordinal));
        Assert.NotNull(active.Single(w => w!["id"]!.ToString() == id)!["doneAt"]);
        Assert.Contains("weekly-patching", Ids("active").Concat(Ids("upcoming")));
        Assert.Equal(["done", "update", "create"], (await GetArrayAsync(vigil, $"api/v1/audit?type=maintenance&id={id}")).Select(e => e!["action"]!.ToString()));
    }

    private static JsonObject With(JsonObject o, string key, JsonNode? value)
    {
        o[key] = value;
        return o;
    }
}
