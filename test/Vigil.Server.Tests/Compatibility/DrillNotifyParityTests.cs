using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Drill.Notify;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Compatibility;

/// <summary>
/// <c>vigil drill notify</c>'s prediction against the real Alertmanager 0.25: the drill's sender stream is replayed to
/// Alertmanager in real time, and what reached its webhooks must be the predicted sequence (receiver, firing and
/// resolved alerts, order), each within a tolerance of its predicted time.
/// </summary>
public sealed class DrillNotifyParityTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1.5);

    // Flushes: team/HighLatency at 2, 6, 10, 14, 18, 22 s; team/DiskFull at 3, 7, 11, 15, 19, 23 s; pager at 13, 17, 21 s.
    // Every change lands 1–3 s before the flush that shows it, so network and scheduling jitter cannot move it.
    private const string Drill = """
        config:
          route:
            receiver: team
            group_by: [alertname]
            group_wait: 2s
            group_interval: 4s
            repeat_interval: 10s
            routes:
              - matchers: ['severity="critical"']
                receiver: pager
          inhibit_rules:
            - source_matchers: ['alertname="ServiceDown"']
              target_matchers: ['alertname="HighLatency"']
              equal: [service]
          receivers:
            - name: team
              webhook_configs: [{url: '@SINK@/team'}]
            - name: pager
              webhook_configs: [{url: '@SINK@/pager'}]
        interval: 1s
        end: 24s
        alerts:
          - labels: {alertname: HighLatency, service: shop, instance: a}
            firing: [{from: 0s}]
          - labels: {alertname: HighLatency, service: shop, instance: b}
            firing: [{from: 4s, to: 8s}]
          - labels: {alertname: ServiceDown, service: shop, severity: critical}
            firing: [{from: 11s, to: 15s}]
          - labels: {alertname: DiskFull, service: db}
            firing: [{from: 1s}]
        silences:
          - matchers: ['alertname="DiskFull"']
            to: 13s
            createdBy: drill
            comment: resizing
        """;

    [Fact]
    public async Task DrillPrediction_IsWhatAlertmanagerSends()
    {
        await using var sink = await RequestSink.StartAsync();
        var drill = NotifyDrillReader.Read(Drill.Replace("@SINK@", sink.BaseUrl, StringComparison.Ordinal), "drill.yaml");
        var predicted = NotifyDrillRunner.Run(drill).Notifications;
        Assert.Equal(["team", "team", "team", "pager", "team", "pager", "team"], predicted.Select(n => n.Receiver));
        Assert.Equal(["group_wait", "group_interval", "resolved", "group_wait", "group_interval", "resolved", "repeat_interval"],
            predicted.Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n.Reason.Kind.ToString())));

        using var am = await RealAlertmanager.StartAsync(Dedent(drill.Config.Original));
        var arrivals = new List<(TimeSpan At, SinkRequest Request)>();
        var clock = Stopwatch.StartNew();
        var realStart = TimeProvider.System.GetUtcNow();
        foreach (var s in drill.Silences)
        {
            var silence = new JsonObject
            {
                ["matchers"] = new JsonArray([.. s.Matchers.Select(m => new JsonObject { ["name"] = m.Name, ["value"] = m.Value, ["isRegex"] = false, ["isEqual"] = true })]),
                ["startsAt"] = Wire(realStart + (s.StartsAt - drill.Start)),
                ["endsAt"] = Wire(realStart + (s.EndsAt - drill.Start)),
                ["createdBy"] = s.CreatedBy,
                ["comment"] = s.Comment,
            };
            var answer = await am.Http.PostAsync("api/v2/silences", new StringContent(silence.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        }
        var posts = SenderSchedule.Posts(drill);
        var next = 0;
        while (clock.Elapsed < drill.End - drill.Start + TimeSpan.FromSeconds(1))
        {
            while (next < posts.Count && posts[next].At - drill.Start <= clock.Elapsed)
            {
                var body = new JsonArray([.. posts[next].Alerts.Select(a => new JsonObject
                {
                    ["labels"] = new JsonObject([.. a.Labels.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))]),
                    ["startsAt"] = Wire(realStart + (a.StartsAt!.Value - drill.Start)),
                    ["endsAt"] = Wire(realStart + (a.EndsAt!.Value - drill.Start)),
                })]);
                var answer = await am.Http.PostAsync("api/v2/alerts", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
                next++;
            }
            foreach (var request in sink.Requests.Skip(arrivals.Count))
            {
                arrivals.Add((clock.Elapsed, request));
            }
            await Task.Delay(20);
        }

        var sent = arrivals.Select(a => Describe(a.Request)).ToList();
        Assert.Equal(predicted.Select(Describe), sent);
        for (var i = 0; i < predicted.Count; i++)
        {
            var (expected, actual) = (predicted[i].At - drill.Start, arrivals[i].At);
            Assert.True((actual - expected).Duration() <= Tolerance, $"notification {i} ({sent[i]}) predicted at {expected}, Alertmanager sent it at {actual}");
        }
    }

    /// <summary>The inline configuration as a file of its own: the drill's text keeps its lines and indentation.</summary>
    private static string Dedent(string text)
    {
        var lines = text.Split('\n').SkipWhile(l => l.Trim().Length == 0).ToList();
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart(' ').Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart(' ')));
    }

    private static string Wire(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(PredictedNotification n) =>
        $"{n.Receiver} firing [{string.Join(" ", n.Firing.Select(a => a.Labels.ToString()))}] resolved [{string.Join(" ", n.Resolved.Select(a => a.Labels.ToString()))}]";

    private static string Describe(SinkRequest request)
    {
        var body = JsonNode.Parse(request.Text)!;
        string Alerts(string status) => string.Join(" ", body["alerts"]!.AsArray()
            .Where(a => (string?)a!["status"] == status)
            .Select(a => Vigil.Server.Labels.LabelSet.From(a!["labels"]!.AsObject().Select(p => KeyValuePair.Create(p.Key, (string)p.Value!))).ToString()));
        return $"{body["receiver"]} firing [{Alerts("firing")}] resolved [{Alerts("resolved")}]";
    }
}
