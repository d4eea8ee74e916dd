using System.Globalization;

namespace Vigil.Bench;

/// <summary>POST-start → webhook-arrival latencies of the probes that arrived, plus the ones that did not.</summary>
internal sealed record LatencyResult(LatencySummary Latency, int Sent, int Lost, int PostErrors)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Latency} (sent {Sent}, lost {Lost}, POST errors {PostErrors})");
}
