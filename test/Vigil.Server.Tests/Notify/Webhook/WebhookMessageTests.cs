using System.Text;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Labels;
using Vigil.Server.Notify.Webhook;

namespace Vigil.Server.Tests.Notify.Webhook;

public sealed class WebhookMessageTests
{
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_560);

    [Fact]
    public void Message_IsAlertmanagerVersion4_ByteForByte()
    {
        var route = RouteNode.Build(new RouteConfig { Receiver = "team.ops", GroupBy = ["alertname"] });
        var group = new AggregationGroup(route, LabelSet.Of(("alertname", "Disk<Full>")), T0);
        var firing = new Alert(
            LabelSet.Of(("alertname", "Disk<Full>"), ("instance", "a&b")),
            AnnotationSet.From([new("summary", "disk \"full\"\n"), new("runbook", "")]),
            T0, T0.AddHours(1), "http://prom/graph?g0.expr=up&x=1", T0, Timeout: true);
        var resolved = new Alert(
            LabelSet.Of(("alertname", "Disk<Full>"), ("instance", "c")),
            AnnotationSet.From([new("summary", "other")]),
            T0.AddHours(-1), T0.AddSeconds(10), "", T0.AddSeconds(10), Timeout: false);
        group.Insert(firing, T0);
        group.Insert(resolved, T0);
        var flush = group.Flush(T0.AddMinutes(1));
        var decision = NotificationPlanner.Plan(flush, _ => false, 0, sendResolved: true, maxAlerts: 0, null, flush.FlushedAt);

        var json = Encoding.UTF8.GetString(WebhookMessage.Build(flush, decision, "http://vigil:9093", flush.FlushedAt));

        Assert.Equal(
            "{\"receiver\":\"team\\\\.ops\",\"status\":\"firing\",\"alerts\":[" +
            "{\"status\":\"firing\",\"labels\":{\"alertname\":\"Disk\\u003cFull\\u003e\",\"instance\":\"a\\u0026b\"}," +
            "\"annotations\":{\"runbook\":\"\",\"summary\":\"disk \\\"full\\\"\\n\"},\"startsAt\":\"2024-01-02T03:04:05.123456Z\"," +
            "\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prom/graph?g0.expr=up\\u0026x=1\",\"fingerprint\":\"" + firing.Fingerprint + "\"}," +
            "{\"status\":\"resolved\",\"labels\":{\"alertname\":\"Disk\\u003cFull\\u003e\",\"instance\":\"c\"},\"annotations\":{\"summary\":\"other\"}," +
            "\"startsAt\":\"2024-01-02T02:04:05.123456Z\",\"endsAt\":\"2024-01-02T03:04:15.123456Z\",\"generatorURL\":\"\",\"fingerprint\":\"" + resolved.Fingerprint + "\"}]," +
            "\"groupLabels\":{\"alertname\":\"Disk\\u003cFull\\u003e\"},\"commonLabels\":{\"alertname\":\"Disk\\u003cFull\\u003e\"},\"commonAnnotations\":{\"runbook\":\"\"}," +
            "\"externalURL\":\"http://vigil:9093\",\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"Disk\\u003cFull\\u003e\\\"}\",\"truncatedAlerts\":0}\n",
            json);
    }

    [Fact]
    public void AllResolved_HasStatusResolved_AndCountsTruncated()
    {
        var a = new Alert(LabelSet.Of(("a", "1")), AnnotationSet.Empty, T0, T0.AddSeconds(1), "", T0, false);
        var json = Encoding.UTF8.GetString(WebhookMessage.Build("r", "{}:{}", LabelSet.Empty, [a], 3, "", T0.AddMinutes(1)));
        Assert.StartsWith("{\"receiver\":\"r\",\"status\":\"resolved\",", json);
        Assert.EndsWith(",\"commonLabels\":{\"a\":\"1\"},\"commonAnnotations\":{},\"externalURL\":\"\",\"version\":\"4\",\"groupKey\":\"{}:{}\",\"truncatedAlerts\":3}\n", json);
    }

    [Theory]
    [InlineData(0, "2024-01-02T03:04:05Z")]
    [InlineData(1, "2024-01-02T03:04:05.0000001Z")]
    [InlineData(1_230_000, "2024-01-02T03:04:05.123Z")]
    public void Timestamps_AreRfc3339Nano_WithTrailingZerosTrimmed(long ticks, string expected)
    {
        var t = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(ticks);
        var a = new Alert(LabelSet.Of(("a", "1")), AnnotationSet.Empty, t, DateTimeOffset.MinValue, "", t, true);
        var json = Encoding.UTF8.GetString(WebhookMessage.Build("r", "k", LabelSet.Empty, [a], 0, "", t));
        Assert.Contains("\"startsAt\":\"" + expected + "\"", json);
    }
}
