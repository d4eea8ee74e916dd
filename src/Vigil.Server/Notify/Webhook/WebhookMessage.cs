using System.Text;
using Vigil.Server.Alerts;
using Vigil.Server.Dispatch;
using Vigil.Server.Labels;

namespace Vigil.Server.Notify.Webhook;

/// <summary>
/// Alertmanager's webhook payload, version 4, byte for byte as 0.25 POSTs it. Go's encoder writes the embedded
/// template data first, so the fields come in this order: receiver, status, alerts, groupLabels, commonLabels,
/// commonAnnotations, externalURL, version, groupKey, truncatedAlerts; the body ends with a newline.
/// </summary>
public static class WebhookMessage
{
    public const string Version = "4";

    /// <summary>The message for one planned notification of a flush.</summary>
    public static byte[] Build(GroupFlush flush, NotificationDecision decision, string externalUrl, DateTimeOffset now) =>
        Build(flush.Receiver, flush.GroupKey, flush.GroupLabels, decision.Alerts, decision.TruncatedAlerts, externalUrl, now);

    /// <summary>
    /// UTF-8 JSON for <paramref name="alerts"/> (already filtered and truncated; <paramref name="truncatedAlerts"/>
    /// counts those cut). An alert is resolved when its end is set and not after <paramref name="now"/>; firing
    /// alerts show endsAt <c>0001-01-01T00:00:00Z</c>. The receiver name is regexp-quoted, as Alertmanager 0.25 does.
    /// </summary>
    public static byte[] Build(
        string receiver,
        string groupKey,
        LabelSet groupLabels,
        IReadOnlyList<Alert> alerts,
        int truncatedAlerts,
        string externalUrl,
        DateTimeOffset now)
    {
        var sb = new StringBuilder(512 + (alerts.Count * 512));
        var anyFiring = alerts.Any(a => !IsResolved(a, now));

        sb.Append("{\"receiver\":");
        GoJson.String(sb, GoJson.QuoteMeta(receiver));
        sb.Append(",\"status\":");
        GoJson.String(sb, anyFiring ? "firing" : "resolved");
        sb.Append(",\"alerts\":[");
        for (var i = 0; i < alerts.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            AppendAlert(sb, alerts[i], now);
        }
        sb.Append("],\"groupLabels\":");
        AppendObject(sb, groupLabels);
        sb.Append(",\"commonLabels\":");
        AppendObject(sb, Common(alerts, a => a.Labels));
        sb.Append(",\"commonAnnotations\":");
        AppendObject(sb, Common(alerts, a => a.Annotations.ToLabelSet()));
        sb.Append(",\"externalURL\":");
        GoJson.String(sb, externalUrl);
        sb.Append(",\"version\":");
        GoJson.String(sb, Version);
        sb.Append(",\"groupKey\":");
        GoJson.String(sb, groupKey);
        sb.Append(",\"truncatedAlerts\":").Append(truncatedAlerts).Append("}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static bool IsResolved(Alert a, DateTimeOffset now) => a.EndsAt != DateTimeOffset.MinValue && a.EndsAt <= now;

    private static void AppendAlert(StringBuilder sb, Alert a, DateTimeOffset now)
    {
        var resolved = IsResolved(a, now);
        sb.Append("{\"status\":");
        GoJson.String(sb, resolved ? "resolved" : "firing");
        sb.Append(",\"labels\":");
        AppendObject(sb, a.Labels);
        sb.Append(",\"annotations\":");
        AppendObject(sb, a.Annotations);
        sb.Append(",\"startsAt\":\"").Append(GoJson.Time(a.StartsAt));
        sb.Append("\",\"endsAt\":\"").Append(GoJson.Time(resolved ? a.EndsAt : DateTimeOffset.MinValue));
        sb.Append("\",\"generatorURL\":");
        GoJson.String(sb, a.GeneratorUrl);
        sb.Append(",\"fingerprint\":");
        GoJson.String(sb, a.Fingerprint.ToString());
        sb.Append('}');
    }

    /// <summary>A JSON object with keys in byte order, as Go writes a map.</summary>
    private static void AppendObject(StringBuilder sb, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        sb.Append('{');
        var first = true;
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                sb.Append(',');
            }
            first = false;
            GoJson.String(sb, key);
            sb.Append(':');
            GoJson.String(sb, value);
        }
        sb.Append('}');
    }

    /// <summary>Pairs of the first alert that every other alert has with the same value (absent counts as "").</summary>
    private static List<KeyValuePair<string, string>> Common(IReadOnlyList<Alert> alerts, Func<Alert, LabelSet> select)
    {
        if (alerts.Count == 0)
        {
            return [];
        }
        var common = select(alerts[0]).ToList();
        for (var i = 1; i < alerts.Count && common.Count > 0; i++)
        {
            var other = select(alerts[i]);
            common.RemoveAll(p => !string.Equals(other.ValueOrEmpty(p.Key), p.Value, StringComparison.Ordinal));
        }
        return common;
    }
}
