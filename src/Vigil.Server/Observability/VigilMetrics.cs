using Prometheus;
using Vigil.Server.Alerts;

namespace Vigil.Server.Observability;

/// <summary>Vigil's alert-path metrics, in prometheus-net's default registry (which also holds the
/// delivery metrics and the .NET process metrics), served on <c>/metrics</c>.</summary>
public sealed class VigilMetrics
{
    /// <summary>
    /// The .NET meters published on <c>/metrics</c> (prometheus-net starts listening to them at the first scrape): the
    /// runtime's (garbage collection, JIT, thread pool; read at each scrape) and ASP.NET Core's request duration. The
    /// framework's other per-request meters (memory pool rents, route matches, connections, active requests, the HTTP
    /// client's requests) are left out: once listened to, each adds a labelled measurement to every request, and the
    /// delivery metrics already time the outgoing ones.
    /// </summary>
    internal static bool Published(System.Diagnostics.Metrics.Instrument instrument) =>
        instrument.Meter.Name == "System.Runtime"
        || (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration");

    static VigilMetrics()
    {
        Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = Published);
    }

    public VigilMetrics(AlertState state, TimeProvider clock)
    {
        Registry = Metrics.DefaultRegistry;
        var factory = Metrics.WithCustomRegistry(Registry);
        AlertsReceived = factory.CreateCounter("vigil_alerts_received_total", "Alerts accepted by the API.", "status");
        AlertsInvalid = factory.CreateCounter("vigil_alerts_invalid_total", "Alert requests rejected as invalid.");
        AlertsRejected = factory.CreateCounter("vigil_alerts_rejected_total", "Alerts refused by a limit of server.limits, by the limit.", "reason");
        foreach (var reason in AlertLimits.Reasons)
        {
            AlertsRejected.WithLabels(reason); // published at 0, so a rate() over it works before the first refusal
        }
        var active = factory.CreateGauge("vigil_alerts", "Alerts held, by state.", "state");
        DispatchLatency = factory.CreateHistogram(
            "vigil_dispatch_latency_seconds",
            "From a group's flush becoming due to its notifications being durably queued.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });
        Registry.AddBeforeCollectCallback(() =>
        {
            var now = clock.GetUtcNow();
            long firing = 0, resolved = 0;
            foreach (var a in state.All)
            {
                if (a.IsResolvedAt(now)) { resolved++; } else { firing++; }
            }
            active.WithLabels("active").Set(firing);
            active.WithLabels("resolved").Set(resolved);
        });
    }

    public CollectorRegistry Registry { get; }

    public Counter AlertsReceived { get; }

    public Counter AlertsInvalid { get; }

    /// <summary><c>vigil_alerts_rejected_total{reason}</c>: alerts refused by a limit; reasons in <see cref="AlertLimits.Reasons"/>.</summary>
    public Counter AlertsRejected { get; }

    public Histogram DispatchLatency { get; }

    public void CountRejected(IEnumerable<AlertLimitViolation> violations)
    {
        foreach (var v in violations)
        {
            AlertsRejected.WithLabels(v.Reason).Inc(v.Alerts);
        }
    }

    public void CountReceived(IReadOnlyList<Alert> alerts, DateTimeOffset now)
    {
        var firing = alerts.Count(a => a.IsFiringAt(now));
        AlertsReceived.WithLabels("firing").Inc(firing);
        AlertsReceived.WithLabels("resolved").Inc(alerts.Count - firing);
    }
}
