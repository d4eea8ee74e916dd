using Prometheus;

namespace Vigil.Server.Escalation;

internal static class EscalationMetrics
{
    public static readonly Histogram AckSeconds = Metrics.CreateHistogram(
        "vigil_page_ack_seconds", "Time from a page opening to its first acknowledgement (MTTA), by policy and team.",
        new HistogramConfiguration { LabelNames = ["policy", "team"], Buckets = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400] });

    public static readonly Histogram StepLagSeconds = Metrics.CreateHistogram(
        "vigil_escalation_step_lag_seconds", "How late an escalation step ran after its deadline.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
}
