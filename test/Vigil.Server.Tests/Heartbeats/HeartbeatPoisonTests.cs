using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Heartbeats;

/// <summary>
/// The review's poison: a heartbeat that cannot be evaluated (grace or period 10000y, a cron that never fires) must
/// neither be accepted nor, when an older version stored one, switch heartbeat monitoring off for the others.
/// </summary>
public sealed class HeartbeatPoisonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task APoisonHeartbeat_IsRefusedWith400NamingTheField_AndACanaryMadeAfterItStillRaisesHeartbeatMissing(string engine)
    {
        var clock = new FakeTimeProvider(T0);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url), clock);

        (string Body, string Detail)[] poisons =
        [
            ("""{"name":"p","period":"1h","grace":"10000y"}""", "grace: not a valid duration: \"10000y\""),
            ("""{"name":"p","period":"1h","grace":"400d"}""", "grace: 400d is out of range; it must be from 1s to 365d"),
            ("""{"name":"p","period":"10000y"}""", "period: not a valid duration: \"10000y\""),
            ("""{"name":"p","period":"366d"}""", "period: 366d is out of range; it must be from 1s to 365d"),
            ("""{"name":"p","period":"500ms"}""", "period: 500ms is out of range; it must be from 1s to 365d"),
            ("""{"name":"p","cron":"0 0 31 2 *"}""", "cron: \"0 0 31 2 *\": it never fires"),
        ];
        foreach (var (body, detail) in poisons)
        {
            var response = await PostAsync(vigil, body);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith(detail, problem["detail"]!.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(vigil, """{"name":"canary","period":"2s","grace":"1s"}""")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(4));
        var firing = (await NudgeUntilAsync(clock, hook))[0].Body["alerts"]![0]!;
        Assert.Equal(("HeartbeatMissing", "canary"), (firing["labels"]!["alertname"]!.ToString(), firing["labels"]!["heartbeat"]!.ToString()));
        var names = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/heartbeats"))!.AsArray().Select(h => h!["name"]!.ToString());
        Assert.Equal(["canary"], names);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task BadHeartbeatRowsFromAnOlderVersion_AreListedWithTheirError_SkippedByTheLoop_AndCanBeDeleted(string engine)
    {
        var clock = new FakeTimeProvider(T0);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Webhook(hook.Url), clock);
        var tenThousandYears = 10_000L * 365 * 24 * 3600 * 1000;
        await InsertAsync(vigil, "poison-grace", periodMs: 3_600_000, graceMs: tenThousandYears, cron: null, labels: "{}");
        await InsertAsync(vigil, "poison-period", periodMs: tenThousandYears, graceMs: 300_000, cron: null, labels: "{}");
        await InsertAsync(vigil, "poison-cron", periodMs: null, graceMs: 300_000, cron: "0 0 31 2 *", labels: "{}");
        await InsertAsync(vigil, "poison-labels", periodMs: 3_600_000, graceMs: 300_000, cron: null, labels: "not json");
        var errorsBefore = await LoopErrorsAsync(vigil);

        await vigil.RestartAsync(); // the rows are loaded as a start after an upgrade would load them
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(vigil, """{"name":"canary","period":"2s","grace":"1s"}""")).StatusCode);

        var list = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/heartbeats"))!.AsArray().ToDictionary(h => h!["name"]!.ToString(), h => h!);
        Assert.Equal(["canary", "poison-cron", "poison-grace", "poison-labels", "poison-period"], list.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("up", null), (list["canary"]["state"]!.ToString(), list["canary"]["error"]?.ToString()));
        Assert.All(list.Where(p => p.Key != "canary"), p => Assert.Equal("error", p.Value["state"]!.ToString()));
        Assert.StartsWith("grace: 3650000d is out of range; it must be from 1s to 365d", list["poison-grace"]["error"]!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("period: 3650000d is out of range", list["poison-period"]["error"]!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("cron: \"0 0 31 2 *\": it never fires", list["poison-cron"]["error"]!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("the stored heartbeat cannot be read: labels:", list["poison-labels"]["error"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("error", JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/heartbeats/poison-grace"))!["state"]!.ToString());

        // A ping to a poisoned heartbeat is still recorded (and answered), and evaluates nothing.
        Assert.Equal(HttpStatusCode.OK, (await vigil.CreateClient(null).GetAsync("hb/" + IdOf("poison-grace") + "/start")).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(4));
        var alerts = (await NudgeUntilAsync(clock, hook)).SelectMany(m => m.Body["alerts"]!.AsArray()).ToList();
        Assert.Equal([("HeartbeatMissing", "canary")], alerts.Select(a => (a!["labels"]!["alertname"]!.ToString(), a["labels"]!["heartbeat"]!.ToString())));
        Assert.True(await LoopErrorsAsync(vigil) >= errorsBefore + 4, "each bad heartbeat counts in vigil_loop_errors_total{loop=\"heartbeats\"}");
        Assert.Contains("vigil_loop_last_success_timestamp_seconds{loop=\"heartbeats\"}", await vigil.Http.GetStringAsync("metrics"), StringComparison.Ordinal);

        foreach (var name in new[] { "poison-grace", "poison-period", "poison-cron", "poison-labels" })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await vigil.Http.DeleteAsync($"api/v1/heartbeats/{name}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.GetAsync($"api/v1/heartbeats/{name}")).StatusCode);
        }
        await vigil.RestartAsync();
        var left = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/heartbeats"))!.AsArray().Select(h => h!["name"]!.ToString());
        Assert.Equal(["canary"], left);
    }

    private static string IdOf(string name) => new Guid(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16)).ToString();

    // Written as an older version could have: straight into the table, past today's validation.
    private static Task InsertAsync(VigilInstance vigil, string name, long? periodMs, long graceMs, string? cron, string labels) =>
        vigil.Services.GetRequiredService<Database>().WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "INSERT INTO heartbeats (id, name, period_ms, grace_ms, cron, time_zone, labels, created_at) " +
                "VALUES (@id, @name, @period, @grace, @cron, NULL, @labels, @created)");
            cmd.AddParameter("@id", IdOf(name));
            cmd.AddParameter("@name", name);
            cmd.AddParameter("@period", periodMs);
            cmd.AddParameter("@grace", graceMs);
            cmd.AddParameter("@cron", cron);
            cmd.AddParameter("@labels", labels);
            cmd.AddParameter("@created", T0.ToUnixTimeMilliseconds());
            await cmd.ExecuteNonQueryAsync();
        });

    private static async Task<double> LoopErrorsAsync(VigilInstance vigil)
    {
        const string prefix = "vigil_loop_errors_total{loop=\"heartbeats\"} ";
        var line = (await vigil.Http.GetStringAsync("metrics")).Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }

    private static Task<HttpResponseMessage> PostAsync(VigilInstance vigil, string json) =>
        vigil.Http.PostAsync("api/v1/heartbeats", new StringContent(json, Encoding.UTF8, "application/json"));

    // A timer the server sets just after the test moved the clock waits for the next move: nudge a second at a time.
    private static async Task<IReadOnlyList<WebhookCollector.Received>> NudgeUntilAsync(FakeTimeProvider clock, WebhookCollector collector)
    {
        await ClockNudges.UntilAsync(clock, () => collector.Messages.Count > 0, TimeSpan.FromSeconds(1));
        return await collector.WaitForAsync(1);
    }
}
