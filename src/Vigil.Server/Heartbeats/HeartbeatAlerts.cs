using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Heartbeats;

/// <summary>A heartbeat's alerts: <c>HeartbeatMissing</c> / <c>HeartbeatFailed</c> with its labels and <c>heartbeat=NAME</c> (never the id: it is the secret).</summary>
public static class HeartbeatAlerts
{
    public static LabelSet LabelsOf(Heartbeat hb, string alertName) =>
        LabelSet.From(hb.Labels.Where(p => p.Key is not ("alertname" or "heartbeat"))
            .Append(KeyValuePair.Create("alertname", alertName))
            .Append(KeyValuePair.Create("heartbeat", hb.Name)));

    public static Alert Firing(Heartbeat hb, string alertName, string reason, DateTimeOffset startsAt, DateTimeOffset now, TimeSpan resolveTimeout) =>
        new(LabelsOf(hb, alertName), Annotations(hb, reason), startsAt, now + resolveTimeout, "", now, Timeout: true);

    public static Alert Resolved(Heartbeat hb, string alertName, string reason, DateTimeOffset startsAt, DateTimeOffset now) =>
        new(LabelsOf(hb, alertName), Annotations(hb, reason), startsAt, now, "", now, Timeout: false);

    private static AnnotationSet Annotations(Heartbeat hb, string reason) => AnnotationSet.From(LabelSet.From(
        [
            KeyValuePair.Create("summary", $"heartbeat {hb.Name}: {reason}"),
            KeyValuePair.Create("reason", reason),
        ], keepEmptyValues: false));
}
