namespace Vigil.Server.Config;

/// <summary>
/// <c>server.limits</c>: how much Vigil agrees to hold, so one sender cannot grow its memory or its stores
/// without bound. Sizes are UTF-8 bytes. The defaults leave wide room above real use: a Prometheus alert
/// carries ~5–20 labels of a few dozen bytes and annotations of up to a few KB of runbook text.
/// A request over a size limit gets 400; a store at its count limit refuses new items with 429.
/// </summary>
public sealed record ServerLimits
{
    /// <summary><c>max_labels_per_alert</c>: labels on one alert. Default 128.</summary>
    public int MaxLabelsPerAlert { get; init; } = 128;

    /// <summary><c>max_label_name_bytes</c>: one label or annotation name. Default 1024.</summary>
    public int MaxLabelNameBytes { get; init; } = 1024;

    /// <summary><c>max_label_value_bytes</c>: one label value. Default 4096.</summary>
    public int MaxLabelValueBytes { get; init; } = 4096;

    /// <summary><c>max_annotations_per_alert</c>: annotations on one alert. Default 64.</summary>
    public int MaxAnnotationsPerAlert { get; init; } = 64;

    /// <summary><c>max_annotation_value_bytes</c>: one annotation value. Default 65536 (64 KiB).</summary>
    public int MaxAnnotationValueBytes { get; init; } = 64 * 1024;

    /// <summary><c>max_alert_bytes</c>: one alert's label and annotation names and values and its generatorURL. Default 131072 (128 KiB).</summary>
    public int MaxAlertBytes { get; init; } = 128 * 1024;

    /// <summary><c>max_alerts_per_request</c>: alerts in one <c>POST /api/v2/alerts</c>. Default 10000 (Prometheus sends at most 64).</summary>
    public int MaxAlertsPerRequest { get; init; } = 10_000;

    /// <summary>
    /// <c>max_active_alerts</c>: alerts held (firing, and resolved ones not yet collected). At the limit, alerts with a new
    /// label set get 429 while updates of held ones go on. Default 1000000 (Vigil is measured at 1M).
    /// </summary>
    public int MaxActiveAlerts { get; init; } = 1_000_000;

    /// <summary><c>max_silences</c>: silences that are active or pending (not expired). Default 10000.</summary>
    public int MaxSilences { get; init; } = 10_000;

    /// <summary><c>max_maintenance_windows</c>: windows made through the API that have not ended. Default 1000.</summary>
    public int MaxMaintenanceWindows { get; init; } = 1_000;

    /// <summary><c>max_heartbeats</c>: heartbeats made through the API. Default 10000.</summary>
    public int MaxHeartbeats { get; init; } = 10_000;
}
