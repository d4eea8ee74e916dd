using System.Text;
using Vigil.Server.Config;
using Vigil.Server.Labels;

namespace Vigil.Server.Alerts;

/// <summary>
/// The size limits of <c>server.limits</c> on received alerts. On the ingest path, so an alert within its limits
/// costs a few length comparisons per label and allocates nothing: a string of n UTF-16 chars is at most 3n UTF-8
/// bytes, so its bytes are counted only when that bound exceeds the limit.
/// </summary>
public static class AlertLimits
{
    /// <summary>The <c>reason</c> labels of <c>vigil_alerts_rejected_total</c>.</summary>
    public static readonly IReadOnlyList<string> Reasons =
    [
        "alerts_per_request", "label_count", "label_name_size", "label_value_size", "annotation_count",
        "annotation_name_size", "annotation_value_size", "alert_size", "active_limit",
    ];

    /// <summary>Null when the request and each of its alerts are within the limits; else every alert over one (its first problem).</summary>
    public static List<AlertLimitViolation>? Check(IReadOnlyList<Alert> alerts, ServerLimits limits)
    {
        if (alerts.Count > limits.MaxAlertsPerRequest)
        {
            return [new("alerts_per_request",
                $"the request holds {alerts.Count} alerts, over the limit of {limits.MaxAlertsPerRequest} per request (server.limits.max_alerts_per_request)",
                alerts.Count)];
        }
        List<AlertLimitViolation>? found = null;
        for (var i = 0; i < alerts.Count; i++)
        {
            if (Check(alerts[i], limits) is { } problem)
            {
                (found ??= []).Add(new AlertLimitViolation(problem.Reason, $"alert {i}: {problem.Message}", 1));
            }
        }
        return found;
    }

    /// <summary>The first limit <paramref name="alert"/> is over, or null.</summary>
    public static AlertLimitViolation? Check(Alert alert, ServerLimits limits)
    {
        var labels = alert.Labels;
        if (CheckLabels(labels, limits) is { } labelProblem)
        {
            return labelProblem;
        }
        var annotations = alert.Annotations;
        if (annotations.Count > limits.MaxAnnotationsPerAlert)
        {
            return new("annotation_count", $"{annotations.Count} annotations, over the limit of {limits.MaxAnnotationsPerAlert} (server.limits.max_annotations_per_alert)", 1);
        }
        long annotationBytes = 0;
        for (var pair = annotations.Utf8Pairs(); pair.Next();)
        {
            if (pair.Name.Length > limits.MaxLabelNameBytes)
            {
                return new("annotation_name_size",
                    $"annotation name {Shown(Encoding.UTF8.GetString(pair.Name))} is {pair.Name.Length} bytes, over the limit of {limits.MaxLabelNameBytes} (server.limits.max_label_name_bytes)", 1);
            }
            if (pair.Value.Length > limits.MaxAnnotationValueBytes)
            {
                return new("annotation_value_size",
                    $"annotation {Shown(Encoding.UTF8.GetString(pair.Name))} has a value of {pair.Value.Length} bytes, over the limit of {limits.MaxAnnotationValueBytes} (server.limits.max_annotation_value_bytes)", 1);
            }
            annotationBytes += pair.Name.Length + pair.Value.Length;
        }
        var chars = (long)alert.GeneratorUrl.Length + Chars(labels);
        if ((chars * 3) + annotationBytes <= limits.MaxAlertBytes)
        {
            return null;
        }
        var bytes = (long)Encoding.UTF8.GetByteCount(alert.GeneratorUrl) + Bytes(labels) + annotationBytes;
        return bytes > limits.MaxAlertBytes
            ? new("alert_size", $"{bytes} bytes of labels, annotations and generatorURL, over the limit of {limits.MaxAlertBytes} (server.limits.max_alert_bytes)", 1)
            : null;
    }

    /// <summary>The label limits alone, for label sets that become alert labels later (a heartbeat's).</summary>
    public static AlertLimitViolation? CheckLabels(LabelSet labels, ServerLimits limits) =>
        labels.Count > limits.MaxLabelsPerAlert
            ? new("label_count", $"{labels.Count} labels, over the limit of {limits.MaxLabelsPerAlert} (server.limits.max_labels_per_alert)", 1)
            : CheckPairs(labels, "label", limits.MaxLabelNameBytes, limits.MaxLabelValueBytes, "max_label_value_bytes");

    private static AlertLimitViolation? CheckPairs(LabelSet pairs, string kind, int maxName, int maxValue, string valueKey)
    {
        // By index: enumerating a LabelSet boxes an enumerator.
        for (var i = 0; i < pairs.Count; i++)
        {
            var (name, value) = pairs[i];
            if (IsOver(name, maxName, out var nameBytes))
            {
                return new($"{kind}_name_size",
                    $"{kind} name {Shown(name)} is {nameBytes} bytes, over the limit of {maxName} (server.limits.max_label_name_bytes)", 1);
            }
            if (IsOver(value, maxValue, out var valueBytes))
            {
                return new($"{kind}_value_size",
                    $"{kind} {Shown(name)} has a value of {valueBytes} bytes, over the limit of {maxValue} (server.limits.{valueKey})", 1);
            }
        }
        return null;
    }

    private static bool IsOver(string s, int limit, out int bytes)
    {
        bytes = 0;
        if ((long)s.Length * 3 <= limit)
        {
            return false;
        }
        bytes = Encoding.UTF8.GetByteCount(s);
        return bytes > limit;
    }

    private static long Chars(LabelSet pairs)
    {
        long n = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            n += pairs[i].Key.Length + pairs[i].Value.Length;
        }
        return n;
    }

    private static long Bytes(LabelSet pairs)
    {
        long n = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            n += Encoding.UTF8.GetByteCount(pairs[i].Key) + Encoding.UTF8.GetByteCount(pairs[i].Value);
        }
        return n;
    }

    /// <summary>A name as quoted in a message: an oversized one is cut, so the answer is not as large as the request.</summary>
    private static string Shown(string name)
    {
        if (name.Length <= 64)
        {
            return GoQuote.Quote(name);
        }
        var cut = char.IsHighSurrogate(name[63]) ? 63 : 64;
        return GoQuote.Quote(string.Concat(name.AsSpan(0, cut), "…"));
    }
}
