using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using Vigil.Server.Hosting;

namespace Vigil.Server.Incidents;

/// <summary>
/// The response metrics of <see cref="IncidentAnalytics"/> over the last 30 days on <c>/metrics</c>, recomputed when an
/// incident changes and every minute (times derive from alerts and pages that move on their own). Gauges, not
/// counters: a person correcting a time changes the past.
/// </summary>
public sealed class IncidentMetrics(IncidentAnalyticsService analytics, IncidentService incidents, TimeProvider clock, ILogger<IncidentMetrics> logger)
    : BackgroundService
{
    /// <summary>The window the gauges cover, ending now.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);

    private static readonly Gauge Count = Metrics.CreateGauge("vigil_incidents_last_30d", "Incidents opened in the last 30 days, by severity.", "severity");

    private static readonly Gauge Open = Metrics.CreateGauge("vigil_incidents_open_last_30d", "Incidents opened in the last 30 days and still open.");

    private static readonly Gauge MeanSeconds = Metrics.CreateGauge("vigil_incident_mean_seconds_last_30d",
        "Mean time to detect, acknowledge, mitigate and resolve over the incidents of the last 30 days that have both times (NaN when none has).", "measure");

    private static readonly Gauge CustomerMinutes = Metrics.CreateGauge("vigil_incident_customer_minutes_last_30d",
        "Customer-minutes lost in the incidents opened in the last 30 days (the area under the failing share of customer-facing checks).");

    private static readonly Gauge VendorMissed = Metrics.CreateGauge("vigil_incident_vendor_deadlines_missed_last_30d",
        "Vendor deadlines (response and on-site) missed in the incidents opened in the last 30 days.");

    private readonly WakeSignal _wake = new(clock);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        incidents.Changed += OnChanged;
        try
        {
            await PassLoop.RunAsync(new LoopHealth("incident-metrics", logger), _wake, clock, async ct =>
            {
                var now = clock.GetUtcNow();
                Publish(await analytics.ReportAsync(now - Window, now, ct).ConfigureAwait(false));
                return now + Refresh;
            }, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            incidents.Changed -= OnChanged;
        }
    }

    private static void Publish(IncidentAnalyticsReport r)
    {
        foreach (var (severity, n) in r.BySeverity)
        {
            Count.WithLabels(severity.Name()).Set(n);
        }
        Open.Set(r.Open);
        MeanSeconds.WithLabels("detect").Set(Seconds(r.TimeToDetect));
        MeanSeconds.WithLabels("acknowledge").Set(Seconds(r.TimeToAcknowledge));
        MeanSeconds.WithLabels("mitigate").Set(Seconds(r.TimeToMitigate));
        MeanSeconds.WithLabels("resolve").Set(Seconds(r.TimeToResolve));
        CustomerMinutes.Set(r.CustomerMinutes);
        VendorMissed.Set(r.VendorDeadlinesMissed);
    }

    private static double Seconds(MeanTime m) => m.Mean is { } t ? t.TotalSeconds : double.NaN;

    private void OnChanged(long id) => _wake.Wake();
}
