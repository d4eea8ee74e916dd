using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Fuzz;

/// <summary>
/// Thousands of generated hostile requests against every endpoint the server maps (read from its endpoint data source,
/// so new endpoints are covered without listing them): no answer may be a 5xx or take longer than
/// <see cref="RequestTimeout"/>, the server logs no error, and after every refused (4xx) request everything a client can
/// read back is unchanged.
/// The seed is printed and shown in every failure; <c>VIGIL_FUZZ_SEED</c> and <c>VIGIL_FUZZ_REQUESTS</c> change the run.
/// The clock is frozen, so no background loop changes state between two reads.
/// </summary>
public sealed class HostileInputFuzzTests
{
    private const int DefaultSeed = 20261124;
    private const int DefaultRequests = 3000;
    private static readonly int MaxFailures = EnvInt("VIGIL_FUZZ_MAX_FAILURES", 20);
    private const long MaxBodyBytes = 256 * 1024;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset T0 = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly string Config = $$"""
        server:
          max_body_bytes: {{MaxBodyBytes}}
        route:
          receiver: none
          group_by: [alertname]
          routes:
            - matchers: ['severity=~"critical|page"']
              receiver: other
        receivers:
          - name: none
          - name: other
        inhibit_rules:
          - source_matchers: ['severity="critical"']
            target_match_re: {severity: 'warn.*'}
            equal: [host]
        people:
          - {name: alice, email: alice@example.com}
          - {name: bob, email: bob@example.com}
          - {name: carol, email: carol@example.com}
        teams:
          - {name: sre, members: [alice, bob, carol]}
        schedules:
          - name: la
            time_zone: America/Los_Angeles
            layers:
              - {members: [alice], rotation: 1d, handoff: "09:00", start: 2026-01-01}
          - name: backup
            layers:
              - {members: [bob], rotation: 1w, start: 2026-01-01}
        escalation_policies:
          - name: ops
            levels:
              - {targets: [{person: alice}], ack_timeout: 5m}
        pagerduty:
          routing_keys:
            R0UT1NGKEY:
              route_labels: {team: pd}
        maintenance:
          receiver: none
          watcher_schedule: la
          windows:
            - id: weekly-patching
              targets: ['host=~"app-.*"']
              expected: ['alertname="HostDown"']
              cron: '0 2 * * SUN'
              duration: 2h
              time_zone: Europe/Berlin
              watcher: carol
              backup: bob
        vendors:
          - {name: dbhost, email: support@dbhost.example, response_within: 30m, on_site_within: 2h}
        status_page:
          components:
            - {name: Website, matchers: ['service="shop"']}
        """;

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task HostileRequests_ToEveryEndpoint_GetNo5xx_NoHang_AndChangeNothingWhenRefused(string engine)
    {
        var seed = EnvInt("VIGIL_FUZZ_SEED", DefaultSeed);
        var count = EnvInt("VIGIL_FUZZ_REQUESTS", DefaultRequests);
        TestContext.Current.TestOutputHelper?.WriteLine($"fuzz seed {seed} ({count} requests on {engine}; VIGIL_FUZZ_SEED changes it)");
        var clock = new FakeTimeProvider(T0);
        var log = new CapturedLog();
        await using var vigil = await VigilInstance.StartAsync(engine, Config, clock, log);
        var endpoints = FuzzEndpoint.All(vigil.Services);
        var generator = new RequestGenerator(new Random(seed), endpoints, MaxBodyBytes, T0);
        var tokens = await SeedAsync(vigil, generator);
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = RequestTimeout })
        {
            BaseAddress = new Uri(vigil.Url.TrimEnd('/') + "/"),
            Timeout = RequestTimeout,
        };

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = new FuzzRun(vigil, http, generator, c => tokens.GetValueOrDefault(c), MaxBodyBytes, log);
        await run.StartAsync();
        for (var i = 0; i < count && run.Failures.Count < MaxFailures; i++)
        {
            await run.SendAsync(generator.Next(), i);
        }
        await run.FinishAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{run.Accepted} accepted, {run.Refused} refused, {run.StateChecks} state checks in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.GetAsync("-/healthy")).StatusCode);
        var missed = endpoints.Where(e => e.TakesBody && !run.Hits.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        Assert.True(run.Failures.Count > 0 || count < 1000 || missed.Count == 0, $"seed {seed}: endpoints never fuzzed: {string.Join(", ", missed)}");
        Assert.True(run.Failures.Count == 0, $"seed {seed} on {engine} (VIGIL_FUZZ_SEED={seed} reproduces it):\n" + string.Join("\n", run.Failures));
    }

    /// <summary>Things for the requests to find: a silence, a window, a heartbeat, an override, a reporting host, tokens.</summary>
    private static async Task<Dictionary<FuzzCaller, string>> SeedAsync(VigilInstance vigil, RequestGenerator generator)
    {
        var (now, later) = (T0.ToString("O", CultureInfo.InvariantCulture), T0.AddHours(2).ToString("O", CultureInfo.InvariantCulture));
        var (nextWeek, after) = (T0.AddDays(7).ToString("O", CultureInfo.InvariantCulture), T0.AddDays(8).ToString("O", CultureInfo.InvariantCulture));
        await CreateAsync(vigil, "api/v2/alerts", $$"""[{"labels":{"alertname":"HostDown","host":"lb-1","severity":"critical"},"startsAt":"{{now}}"}]""");
        var silence = (await CreateAsync(vigil, "api/v2/silences", $$"""
            {"matchers":[{"name":"alertname","value":"Host.*","isRegex":true}],"startsAt":"{{now}}","endsAt":"{{later}}","createdBy":"seed","comment":"c"}
            """))["silenceID"]!.ToString();
        var window = (await CreateAsync(vigil, "api/v1/maintenance", """
            {"targets":["host=\"lb-1\""],"expected":["alertname=\"HostDown\""],"start":"now","duration":"2h","watcher":"alice","backup":"bob"}
            """))["id"]!.ToString();
        var heartbeat = (await CreateAsync(vigil, "api/v1/heartbeats", """{"name":"nightly","period":"1h"}"""))["id"]!.ToString();
        var over = (await CreateAsync(vigil, "api/v1/schedules/la/overrides", $$"""{"person":"bob","from":"{{nextWeek}}","to":"{{after}}"}"""))["id"]!.ToString();
        var agent = (await CreateAsync(vigil, "api/v1/agents/tokens", """{"host":"web-1"}"""))["token"]!.ToString();
        var read = await vigil.CreateTokenAsync("read");
        using var report = new HttpRequestMessage(HttpMethod.Post, "api/v1/agents/report")
        {
            Content = new StringContent(BodyTemplates.For("POST /api/v1/agents/report")[0], Encoding.UTF8, "application/json"),
        };
        report.Headers.Authorization = new("Bearer", agent);
        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.SendAsync(report)).StatusCode);

        var values = generator.RouteValues;
        values["id"] = [silence, window, "weekly-patching", heartbeat, over, "1"];
        values["silenceID"] = [silence];
        values["key"] = [heartbeat, "nightly"];
        values["name"] = ["la", "alice", "sre"];
        values["host"] = ["web-1"];
        values["token"] = ["not-a-link"];
        values["file"] = ["feed.ics"];
        return new() { [FuzzCaller.Admin] = vigil.AdminToken, [FuzzCaller.Read] = read, [FuzzCaller.Agent] = agent, [FuzzCaller.Garbage] = "not-a-token" };
    }

    private static async Task<JsonNode> CreateAsync(VigilInstance vigil, string path, string body)
    {
        using var response = await vigil.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"seeding {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
