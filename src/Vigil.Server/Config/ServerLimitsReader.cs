namespace Vigil.Server.Config;

/// <summary>Reads <c>server.limits</c>; absent keys keep the defaults documented on <see cref="ServerLimits"/>.</summary>
internal static class ServerLimitsReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "max_labels_per_alert", "max_label_name_bytes", "max_label_value_bytes", "max_annotations_per_alert",
        "max_annotation_value_bytes", "max_alert_bytes", "max_alerts_per_request", "max_active_alerts",
        "max_silences", "max_maintenance_windows", "max_heartbeats",
    };

    public static ServerLimits Read(YamlCursor? node)
    {
        var d = new ServerLimits();
        if (node is null || node.IsNull)
        {
            return d;
        }
        var map = node.Map(Known);
        int Get(string key, int fallback) => map.Get(key) is { } n ? Positive(n) : fallback;
        return new ServerLimits
        {
            MaxLabelsPerAlert = Get("max_labels_per_alert", d.MaxLabelsPerAlert),
            MaxLabelNameBytes = Get("max_label_name_bytes", d.MaxLabelNameBytes),
            MaxLabelValueBytes = Get("max_label_value_bytes", d.MaxLabelValueBytes),
            MaxAnnotationsPerAlert = Get("max_annotations_per_alert", d.MaxAnnotationsPerAlert),
            MaxAnnotationValueBytes = Get("max_annotation_value_bytes", d.MaxAnnotationValueBytes),
            MaxAlertBytes = Get("max_alert_bytes", d.MaxAlertBytes),
            MaxAlertsPerRequest = Get("max_alerts_per_request", d.MaxAlertsPerRequest),
            MaxActiveAlerts = Get("max_active_alerts", d.MaxActiveAlerts),
            MaxSilences = Get("max_silences", d.MaxSilences),
            MaxMaintenanceWindows = Get("max_maintenance_windows", d.MaxMaintenanceWindows),
            MaxHeartbeats = Get("max_heartbeats", d.MaxHeartbeats),
        };
    }

    private static int Positive(YamlCursor node)
    {
        var value = node.Int();
        return value is > 0 and <= int.MaxValue
            ? (int)value
            : throw node.Error($"must be a whole number from 1 to {int.MaxValue}, got {value}");
    }
}
