using Prometheus;

namespace Vigil.Server.Probes;

/// <summary>Per-probe gauges named as the blackbox exporter names them (label <c>probe</c>), and the scheduler's lag.</summary>
internal sealed class ProbeMetrics
{
    private readonly Gauge _success;
    private readonly Gauge _duration;
    private readonly Gauge _certExpiry;

    public ProbeMetrics()
    {
        var factory = Metrics.WithCustomRegistry(Metrics.DefaultRegistry);
        _success = factory.CreateGauge("probe_success", "Whether the probe's last run succeeded (1) or failed (0).", "probe");
        _duration = factory.CreateGauge("probe_duration_seconds", "How long the probe's last run took, in seconds.", "probe");
        _certExpiry = factory.CreateGauge("probe_ssl_earliest_cert_expiry", "Earliest expiry of the TLS certificates seen, as a Unix time in seconds.", "probe");
        ScheduleLag = factory.CreateHistogram("vigil_probe_schedule_lag_seconds", "How late a probe run started after its due time.",
            new HistogramConfiguration { Buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public Histogram ScheduleLag { get; }

    public void Record(string probe, ProbeResult result)
    {
        _success.WithLabels(probe).Set(result.Success ? 1 : 0);
        _duration.WithLabels(probe).Set(result.Duration.TotalSeconds);
        if (result.CertExpiry is { } expiry)
        {
            _certExpiry.WithLabels(probe).Set(expiry.ToUnixTimeSeconds());
        }
    }

    public void Forget(string probe)
    {
        _success.RemoveLabelled(probe);
        _duration.RemoveLabelled(probe);
        _certExpiry.RemoveLabelled(probe);
    }
}
