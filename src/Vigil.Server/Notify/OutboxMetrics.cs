using Prometheus;

namespace Vigil.Server.Notify;

internal static class OutboxMetrics
{
    public static readonly Counter Sent = Metrics.CreateCounter(
        "vigil_notifications_sent_total", "Notifications delivered (a 2xx answer).", "receiver", "integration");

    public static readonly Counter Failed = Metrics.CreateCounter(
        "vigil_notifications_failed_total",
        "Delivery runs that ended without success (put back for a later retry, or given up).", "receiver", "integration");

    public static readonly Histogram DeliverySeconds = Metrics.CreateHistogram(
        "vigil_notification_delivery_seconds", "Duration of one delivery request.",
        new HistogramConfiguration { LabelNames = ["integration"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
}
