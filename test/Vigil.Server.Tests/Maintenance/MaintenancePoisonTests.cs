using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Maintenance.MaintenanceClient;

namespace Vigil.Server.Tests.Maintenance;

/// <summary>
/// Windows that cannot be evaluated — refused by the API, or stored by an older version and loaded as errors — never
/// stop the maintenance loop, the muting of other windows, or the list.
/// </summary>
public sealed class MaintenancePoisonTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task BadWindowRowsFromAnOlderVersion_AreListedWithTheirError_AndAGoodWindowStillMutesAndStarts(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        await using var ops = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, ops.Url));
        var hourAgo = TimeProvider.System.GetUtcNow().AddHours(-1).ToUnixTimeMilliseconds();
        const string lb = "[\"host=\\\"lb-1\\\"\"]";
        const string hostDown = "[\"alertname=\\\"HostDown\\\"\"]";
        await InsertAsync(vigil, "bad-zone", lb, hostDown, hourAgo, null, "0 * * * *", 7_200_000, "Mars/Olympus");
        await InsertAsync(vigil, "bad-cron", lb, hostDown, hourAgo, null, "0 0 31 2 *", 7_200_000, "UTC");
        await InsertAsync(vigil, "bad-json", "not json", hostDown, hourAgo, hourAgo + 7_200_000, null, null, null);
        await InsertAsync(vigil, "bad-end", lb, hostDown, hourAgo, long.MaxValue, null, null, null);
        var errorsBefore = await LoopErrorsAsync(vigil);

        await vigil.RestartAsync(); // loaded at start, as after an upgrade
        var good = await CreateAsync(vigil, LbWindow("1h"));
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"HostDown","host":"lb-1"}}]""");

        var alert = (await Eventually.GetAsync(() => vigil.GetAlertsAsync(), a => a.Count == 1))[0]!;
        Assert.Equal("suppressed", alert["status"]!["state"]!.ToString());
        Assert.Equal(["started"], await EventKindsAsync(vigil, good, 1));
        var muting = await GetArrayAsync(vigil, $"api/v1/maintenance/{good}/alerts");
        Assert.Equal([good], muting.Single()!["status"]!["mutedBy"]!.AsArray().Select(w => w!.ToString()));

        var list = (await GetArrayAsync(vigil, "api/v1/maintenance")).ToDictionary(w => w!["id"]!.ToString(), w => w!);
        Assert.Equal(("active", null), (list[good]["state"]!.ToString(), list[good]["error"]?.ToString()));
        Assert.Equal(6, list.Count);
        Assert.StartsWith("timeZone: unknown IANA time zone \"Mars/Olympus\"", list["bad-zone"]["error"]!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("cron: \"0 0 31 2 *\": it never fires", list["bad-cron"]["error"]!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("the stored window cannot be read: targets:", list["bad-json"]["error"]!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("the stored window cannot be read: end:", list["bad-end"]["error"]!.ToString(), StringComparison.Ordinal);
        Assert.All(list.Where(w => w.Key.StartsWith("bad-", StringComparison.Ordinal)), w => Assert.Equal("error", w.Value["state"]!.ToString()));
        var filtered = (await GetArrayAsync(vigil, "api/v1/maintenance?state=upcoming")).Concat(await GetArrayAsync(vigil, "api/v1/maintenance?state=active"))
            .Select(w => w!["id"]!.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { good, "weekly-patching" }.Order(StringComparer.Ordinal), filtered);

        var (status, shown) = await SendAsync(vigil, HttpMethod.Get, "/bad-zone");
        Assert.Equal((HttpStatusCode.OK, "error"), (status, shown["state"]!.ToString()));
        var (ended, endedBody) = await SendAsync(vigil, HttpMethod.Post, "/bad-zone/end");
        Assert.Equal(HttpStatusCode.OK, ended);
        Assert.NotNull(endedBody["endedAt"]);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(vigil, HttpMethod.Post, "/bad-zone/end")).Status);
        Assert.True(await LoopErrorsAsync(vigil) >= errorsBefore + 4, "each bad window counts in vigil_loop_errors_total{loop=\"maintenance\"}");
    }

    [Theory]
    [InlineData("start", """{"start":"9999-12-31T23:59:59Z","duration":"1h"}""", "start: 9999-12-31T23:59:59Z is out of range; give a time from 1000-01-01T00:00:00Z to before 9000-01-01T00:00:00Z")]
    [InlineData("end", """{"start":"now","end":"9999-12-31T23:59:59Z"}""", "end: 9999-12-31T23:59:59Z is out of range")]
    [InlineData("duration", """{"start":"now","duration":"10000y"}""", "duration: not a valid duration: \"10000y\"")]
    [InlineData("duration", """{"start":"now","duration":"13h"}""", "duration: 13h is out of range; it must be from 1s to 12h (maintenance.max_length)")]
    [InlineData("cron", """{"cron":"0 0 31 2 *","duration":"1h","timeZone":"UTC"}""", "cron: \"0 0 31 2 *\": it never fires")]
    [InlineData("start", """{"start":"0999-12-31T23:59:59Z","duration":"1h"}""", "start: 0999-12-31T23:59:59Z is out of range")]
    public async Task AWindowOutOfRange_IsRefusedWith400NamingTheField(string field, string times, string detail)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var body = JsonNode.Parse(times)!.AsObject();
        foreach (var (key, value) in LbWindow("1h").Where(p => p.Key is not ("start" or "duration")))
        {
            body[key] = value!.DeepClone();
        }
        var (status, problem) = await SendAsync(vigil, HttpMethod.Post, "", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(field + ":", problem["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(detail, problem["detail"]!.ToString(), StringComparison.Ordinal);
        Assert.Empty(await GetArrayAsync(vigil, "api/v1/maintenance"));
    }

    // Written as an older version could have: straight into the table, past today's validation.
    private static Task InsertAsync(VigilInstance vigil, string id, string targets, string expected, long start, long? end, string? cron, long? durationMs, string? zone) =>
        vigil.Services.GetRequiredService<Database>().WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "INSERT INTO maintenance_windows (id, targets, expected, start_at, end_at, cron, duration_ms, time_zone, " +
                "watcher, backup, announcement, created_at, updated_at) VALUES (@id, @targets, @expected, @start, @end, @cron, @duration, @zone, 'alice', 'bob', '', @start, @start)");
            cmd.AddParameter("@id", id);
            cmd.AddParameter("@targets", targets);
            cmd.AddParameter("@expected", expected);
            cmd.AddParameter("@start", start);
            cmd.AddParameter("@end", end);
            cmd.AddParameter("@cron", cron);
            cmd.AddParameter("@duration", durationMs);
            cmd.AddParameter("@zone", zone);
            await cmd.ExecuteNonQueryAsync();
        });

    private static async Task<double> LoopErrorsAsync(VigilInstance vigil)
    {
        const string prefix = "vigil_loop_errors_total{loop=\"maintenance\"} ";
        var line = (await vigil.Http.GetStringAsync("metrics")).Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }
}
