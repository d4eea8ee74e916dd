using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Probes;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.AlertmanagerApi.AlertLimitsTests;

namespace Vigil.Server.Tests.AlertmanagerApi;

/// <summary>
/// <c>server.limits.max_active_alerts</c>: at the cap an alert with a new label set gets 429 naming the limit and is not
/// kept (not even after a restart), updates of held alerts go on, resolved alerts make room, and alerts Vigil raises
/// itself are always admitted.
/// </summary>
[Collection(MetricsCollection)]
public sealed class ActiveAlertCapTests
{
    private const string Cap = "\nserver:\n  limits:\n    max_active_alerts: 3\n";

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task NewAlertsPastTheCap_Get429NamingTheLimit_WhileUpdatesOfHeldAlertsGoOn(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + Cap);
        var before = Rejected(await vigil.Http.GetStringAsync("metrics"), "active_limit");
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync($"[{Alert("A")},{Alert("B")},{Alert("C")}]")).StatusCode);

        var refused = await vigil.PostAlertsAsync($"[{Alert("D")}]");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("\"1 new alerts refused: Vigil holds 3 alerts and the limit is 3 (server.limits.max_active_alerts); " +
            "updates of alerts already held are accepted (0 accepted in this request)\"\n", await refused.Content.ReadAsStringAsync());
        Assert.Equal(["A", "B", "C"], await NamesAsync(vigil));

        var update = await vigil.PostAlertsAsync($"[{Alert("A", annotations: "\"summary\":\"still firing\"")}]");
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("still firing", await AnnotationAsync(vigil, "A"));

        // A request mixing both: the update is applied, the new alert refused, and the answer says so.
        var mixed = await vigil.PostAlertsAsync($"[{Alert("E")},{Alert("A", annotations: "\"summary\":\"worse\"")}]");
        Assert.Equal(HttpStatusCode.TooManyRequests, mixed.StatusCode);
        Assert.Contains("(1 accepted in this request)", await mixed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["A", "B", "C"], await NamesAsync(vigil));
        Assert.Equal("worse", await AnnotationAsync(vigil, "A"));
        Assert.Equal(2, Rejected(await vigil.Http.GetStringAsync("metrics"), "active_limit") - before);

        // The ingest log kept what was accepted, not the requests: a restart brings back neither D nor E.
        await vigil.RestartAsync();
        Assert.Equal(["A", "B", "C"], await NamesAsync(vigil));
        Assert.Equal("worse", await AnnotationAsync(vigil, "A"));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AtTheCap_ARequestOfNewAlerts_TakesWhatFits_InRequestOrder(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + Cap);
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync($"[{Alert("A")},{Alert("B")}]")).StatusCode);

        var response = await vigil.PostAlertsAsync($"[{Alert("C")},{Alert("D")},{Alert("C", annotations: "\"n\":\"2\"")}]");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.StartsWith("\"1 new alerts refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["A", "B", "C"], await NamesAsync(vigil));
        Assert.Equal("2", (await vigil.GetAlertsAsync()).Single(a => a!["labels"]!["alertname"]!.ToString() == "C")!["annotations"]!["n"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task SendersFillingTheCapTogether_AreAllAccepted_AndTheNextNewAlertIsRefused(string engine)
    {
        // Eight senders post 240 new alerts, 3 per request, against a cap of 240: every one fits, so none may be refused
        // for an alert counted both as held and as still reserved by a request that has not answered yet.
        const int cap = 240;
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + Cap.Replace("3", $"{cap}", StringComparison.Ordinal));
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async sender =>
        {
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < cap / 8 / 3; i++)
            {
                var batch = string.Join(',', Enumerable.Range(0, 3).Select(k => Alert($"S{sender}-{i}-{k}")));
                answers.Add((await vigil.PostAlertsAsync($"[{batch}]")).StatusCode);
            }
            return answers;
        }));

        Assert.All(statuses.SelectMany(s => s), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(cap, (await NamesAsync(vigil)).Count);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await vigil.PostAlertsAsync($"[{Alert("OneMore")}]")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ResolvedAlerts_MakeRoomForNewOnes_AtTheCap(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + Cap);
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync($"[{Alert("A")},{Alert("B")},{Alert("C")}]")).StatusCode);
        var now = TimeProvider.System.GetUtcNow();
        var resolved = $"[{{\"labels\":{{\"alertname\":\"C\"}},\"startsAt\":\"{now.AddHours(-2):O}\",\"endsAt\":\"{now.AddHours(-1):O}\"}}]";
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync(resolved)).StatusCode);

        // C is resolved but still held (Alertmanager keeps resolved alerts until its garbage collection): at the cap
        // it is dropped early, so D fits.
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync($"[{Alert("D")}]")).StatusCode);
        Assert.Equal(["A", "B", "D"], await NamesAsync(vigil));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AnAlertVigilRaisesItself_IsAdmittedPastTheCap_AndNotified(string engine)
    {
        await using var target = await LoopbackTarget.StartAsync();
        await using var hook = await WebhookCollector.StartAsync();
        var config = Configs.Webhook(hook.Url, extra: $$"""
            server:
              limits:
                max_active_alerts: 1
            probes:
              - name: shop
                tcp: {target: "127.0.0.1:{{target.Port}}"}
                interval: 1s
                fall: 1
            """);
        await using var vigil = await VigilInstance.StartAsync(engine, config);
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync($"[{Alert("Customer")}]")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await vigil.PostAlertsAsync($"[{Alert("Other")}]")).StatusCode);

        await target.StopAsync();

        var names = await Eventually.GetAsync(() => NamesAsync(vigil), n => n.Contains("ProbeFailed"), TimeSpan.FromSeconds(20));
        Assert.Equal(["Customer", "ProbeFailed"], names);
        await Eventually.GetAsync(() => Task.FromResult(hook.Messages), m => m.Any(IsProbeFailed), TimeSpan.FromSeconds(20));
        Assert.Contains(hook.Messages, IsProbeFailed);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await vigil.PostAlertsAsync($"[{Alert("Other")}]")).StatusCode);
    }

    [Fact]
    public async Task PagerDutyTriggers_CountAgainstTheCap_AndTheSizeLimits()
    {
        var config = Configs.Minimal + Cap.Replace("max_active_alerts: 3", "max_active_alerts: 1\n    max_label_value_bytes: 64", StringComparison.Ordinal) +
            "pagerduty:\n  routing_keys:\n    R0UT1NGKEY: {route_labels: {team: ops}}\n";
        await using var vigil = await VigilInstance.StartAsync("sqlite", config);
        using var anonymous = vigil.CreateClient(null);
        var before = await vigil.Http.GetStringAsync("metrics");

        var tooLong = await EnqueueAsync(anonymous, "db-1", "db-1 down", source: new string('s', 65));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("has a value of 65 bytes, over the limit of 64 (server.limits.max_label_value_bytes)", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await vigil.GetAlertsAsync());

        Assert.Equal(HttpStatusCode.Accepted, (await EnqueueAsync(anonymous, "db-1", "db-1 down")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await EnqueueAsync(anonymous, "db-1", "db-1 still down")).StatusCode); // same alert: an update

        var refused = await EnqueueAsync(anonymous, "db-2", "db-2 down");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("throttle event", body["status"]!.ToString());
        Assert.Contains("server.limits.max_active_alerts", body["message"]!.ToString(), StringComparison.Ordinal);
        Assert.Single(await vigil.GetAlertsAsync());
        var metrics = await vigil.Http.GetStringAsync("metrics");
        Assert.Equal((1, 1), (Rejected(metrics, "active_limit") - Rejected(before, "active_limit"), Rejected(metrics, "label_value_size") - Rejected(before, "label_value_size")));
    }

    private static bool IsProbeFailed(WebhookCollector.Received m) =>
        m.Body["alerts"]!.AsArray().Any(a => a!["labels"]!["alertname"]!.ToString() == "ProbeFailed");

    private static Task<HttpResponseMessage> EnqueueAsync(HttpClient http, string dedupKey, string summary, string source = "db") =>
        http.PostAsync("v2/enqueue", new StringContent(
            $$$"""{"routing_key":"R0UT1NGKEY","event_action":"trigger","dedup_key":"{{{dedupKey}}}","payload":{"summary":"{{{summary}}}","source":"{{{source}}}","severity":"critical","class":"DbDown"}}""",
            Encoding.UTF8, "application/json"));

    private static async Task<List<string>> NamesAsync(VigilInstance vigil) =>
        [.. (await vigil.GetAlertsAsync()).Select(a => a!["labels"]!["alertname"]!.ToString()).Order(StringComparer.Ordinal)];

    private static async Task<string?> AnnotationAsync(VigilInstance vigil, string name) =>
        (await vigil.GetAlertsAsync()).Single(a => a!["labels"]!["alertname"]!.ToString() == name)!["annotations"]!["summary"]?.ToString();
}
