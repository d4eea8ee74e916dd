using Prometheus;

namespace Vigil.Server.Observability;

/// <summary>
/// The health of every background loop on <c>/metrics</c>, labelled <c>loop</c> (heartbeats, probes, hosts, maintenance,
/// escalation, oncall, silences, checkpoint): errors counted, the last pass that completed, the items being skipped.
/// </summary>
internal static class LoopMetrics
{
    public static readonly Counter Errors = Metrics.CreateCounter(
        "vigil_loop_errors_total",
        "Errors in a background loop: a whole pass that failed (retried with backoff), or one item (heartbeat, probe, window, host, schedule, page) that could not be evaluated and was skipped.",
        "loop");

    public static readonly Gauge LastSuccess = Metrics.CreateGauge(
        "vigil_loop_last_success_timestamp_seconds", "When the loop last completed a pass, as a Unix time in seconds.", "loop");

    public static readonly Gauge ItemsFailing = Metrics.CreateGauge(
        "vigil_loop_items_failing", "Items the loop skips now because evaluating them failed or they cannot be evaluated (shown with an error in the API).", "loop");
}
