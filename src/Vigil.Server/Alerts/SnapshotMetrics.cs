using Prometheus;

namespace Vigil.Server.Alerts;

/// <summary>Alert snapshots written by this node, on <c>/metrics</c>: whole ones and incremental ones (the changes since).</summary>
internal static class SnapshotMetrics
{
    public static readonly Counter Written = Metrics.CreateCounter(
        "vigil_alert_snapshots_total",
        "Alert snapshots written: kind=\"whole\" (every alert) or kind=\"incremental\" (the alerts changed or removed since the previous one).",
        "kind");
}
