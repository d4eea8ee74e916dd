using System.Globalization;
using System.Net;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.AlertmanagerApi;

/// <summary>
/// The size limits of <c>server.limits</c> on <c>POST /api/v2/alerts</c>: each one at its limit is accepted, one past it
/// refuses the whole request with 400 naming the alert index, the label and the limit, stores nothing, and counts in
/// <c>vigil_alerts_rejected_total{reason}</c>. The metric lives in the process-wide registry, so the classes that count
/// it run one after the other and compare before with after.
/// </summary>
[Collection(MetricsCollection)]
public sealed class AlertLimitsTests
{
    internal const string MetricsCollection = "vigil_alerts_rejected_total";

    private const string Limits = """

        server:
          limits:
            max_labels_per_alert: 4
            max_label_name_bytes: 16
            max_label_value_bytes: 32
            max_annotations_per_alert: 3
            max_annotation_value_bytes: 64
            max_alert_bytes: 400
            max_alerts_per_request: 3
        """;

    /// <summary>A limit, and the alert (JSON) of size n for it, where n = the limit is allowed and n = limit + 1 is not.</summary>
    public sealed record Case(string Reason, string Key, int Limit, Func<int, string> Alert, string Refusal);

    private static readonly Case[] Cases =
    [
        new("label_count", "max_labels_per_alert", 4,
            n => Alert("label_count", string.Concat(Enumerable.Range(1, n - 1).Select(i => $",\"l{i}\":\"v\""))),
            "alert 1: 5 labels, over the limit of 4 (server.limits.max_labels_per_alert)"),
        new("label_name_size", "max_label_name_bytes", 16,
            n => Alert("label_name_size", $",\"{Name(n)}\":\"v\""),
            $"alert 1: label name \\\"{Name(17)}\\\" is 17 bytes, over the limit of 16 (server.limits.max_label_name_bytes)"),
        // Bytes, not characters: é is two bytes of UTF-8.
        new("label_value_size", "max_label_value_bytes", 32,
            n => Alert("label_value_size", $",\"v\":\"{Value(n)}\""),
            "alert 1: label \\\"v\\\" has a value of 33 bytes, over the limit of 32 (server.limits.max_label_value_bytes)"),
        new("annotation_count", "max_annotations_per_alert", 3,
            n => Alert("annotation_count", "", string.Join(",", Enumerable.Range(1, n).Select(i => $"\"a{i}\":\"x\""))),
            "alert 1: 4 annotations, over the limit of 3 (server.limits.max_annotations_per_alert)"),
        new("annotation_name_size", "max_label_name_bytes", 16,
            n => Alert("annotation_name_size", "", $"\"{Name(n)}\":\"x\""),
            $"alert 1: annotation name \\\"{Name(17)}\\\" is 17 bytes, over the limit of 16 (server.limits.max_label_name_bytes)"),
        new("annotation_value_size", "max_annotation_value_bytes", 64,
            n => Alert("annotation_value_size", "", $"\"runbook\":\"{Value(n)}\""),
            "alert 1: annotation \\\"runbook\\\" has a value of 65 bytes, over the limit of 64 (server.limits.max_annotation_value_bytes)"),
        // alertname=alert_size is 19 bytes, three annotations of 1 + 64 bytes are 195: generatorURL fills the rest up to n.
        new("alert_size", "max_alert_bytes", 400,
            n => Alert("alert_size", "", "\"a\":\"" + new string('x', 64) + "\",\"b\":\"" + new string('x', 64) + "\",\"c\":\"" + new string('x', 64) + "\"",
                new string('u', n - 214)),
            "alert 1: 401 bytes of labels, annotations and generatorURL, over the limit of 400 (server.limits.max_alert_bytes)"),
    ];

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task EachSizeLimit_AtTheLimit_IsAccepted_AndOnePast_Gets400NamingAlertLabelAndLimit_AndStoresNothing(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal + Limits);
        var before = await vigil.Http.GetStringAsync("metrics");
        var held = 0;
        foreach (var c in Cases)
        {
            var at = await vigil.PostAlertsAsync($"[{Alert("ok-" + c.Reason)},{c.Alert(c.Limit)}]");
            Assert.True(at.StatusCode == HttpStatusCode.OK, $"{c.Reason} at {c.Limit}: {(int)at.StatusCode} {await at.Content.ReadAsStringAsync()}");
            held += 2;

            var past = await vigil.PostAlertsAsync($"[{Alert("other-" + c.Reason)},{c.Alert(c.Limit + 1)}]");
            Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
            Assert.Equal($"\"{c.Refusal}\"\n", await past.Content.ReadAsStringAsync());
            Assert.Equal(held, (await vigil.GetAlertsAsync()).Count);
        }
        var metrics = await vigil.Http.GetStringAsync("metrics");
        foreach (var c in Cases)
        {
            Assert.Equal(1, Rejected(metrics, c.Reason) - Rejected(before, c.Reason));
        }
        Assert.Equal(Rejected(before, "active_limit"), Rejected(metrics, "active_limit"));
    }

    [Fact]
    public async Task AlertsPerRequest_AtTheLimit_IsAccepted_AndOnePast_Gets400_AndStoresNothing()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal + Limits);
        var before = Rejected(await vigil.Http.GetStringAsync("metrics"), "alerts_per_request");
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync($"[{Alert("a1")},{Alert("a2")},{Alert("a3")}]")).StatusCode);

        var past = await vigil.PostAlertsAsync($"[{Alert("b1")},{Alert("b2")},{Alert("b3")},{Alert("b4")}]");
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal("\"the request holds 4 alerts, over the limit of 3 per request (server.limits.max_alerts_per_request)\"\n", await past.Content.ReadAsStringAsync());
        Assert.Equal(["a1", "a2", "a3"], (await vigil.GetAlertsAsync()).Select(a => a!["labels"]!["alertname"]!.ToString()).Order());
        Assert.Equal(4, Rejected(await vigil.Http.GetStringAsync("metrics"), "alerts_per_request") - before);
    }

    [Fact]
    public async Task SeveralAlertsOverALimit_AreAllNamed_InOneAnswer()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal + Limits);
        var body = $"[{Alert("big", $",\"v\":\"{Value(40)}\"")},{Alert("fine")},{Alert("many", "", "\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\"")}]";

        var response = await vigil.PostAlertsAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("\"alert 0: label \\\"v\\\" has a value of 40 bytes", text, StringComparison.Ordinal);
        Assert.Contains("; alert 2: 4 annotations, over the limit of 3", text, StringComparison.Ordinal);
        Assert.Empty(await vigil.GetAlertsAsync());
    }

    [Fact]
    public async Task TheDefaultLimits_RefuseAMegabyteLabel()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var response = await vigil.PostAlertsAsync(Alert("huge", $",\"blob\":\"{new string('x', 1024 * 1024)}\"").Insert(0, "[") + "]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("label \\\"blob\\\" has a value of 1048576 bytes, over the limit of 4096 (server.limits.max_label_value_bytes)",
            await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await vigil.GetAlertsAsync());
    }

    internal static string Alert(string name, string moreLabels = "", string annotations = "", string generatorUrl = "") =>
        $"{{\"labels\":{{\"alertname\":\"{name}\"{moreLabels}}},\"annotations\":{{{annotations}}}" +
        (generatorUrl.Length > 0 ? $",\"generatorURL\":\"{generatorUrl}\"}}" : "}");

    /// <summary>A valid label name of n bytes.</summary>
    private static string Name(int n) => "n" + new string('a', n - 1);

    /// <summary>A value of n UTF-8 bytes, mostly two-byte characters.</summary>
    private static string Value(int n) => new string('é', n / 2) + (n % 2 == 1 ? "x" : "");

    internal static double Rejected(string metrics, string reason)
    {
        var prefix = $"vigil_alerts_rejected_total{{reason=\"{reason}\"}} ";
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"no {prefix.Trim()} in /metrics");
        return double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }
}
