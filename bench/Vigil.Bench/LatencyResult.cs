using System.Globalization;

namespace Vigil.Bench;

/// <summary>POST-start → webhook-arrival latencies of the probes that arrived, plus the ones that did not.</summary>
internal sealed record LatencyResult(LatencySummary Latency, int Sent, int Lost, int PostErrors)
{
    /// <summary>Every probe that arrived, in the order sent (for <c>latency --samples-out</c>).</summary>
    public IReadOnlyList<ProbeSample> Samples { get; init; } = [];

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Latency} (sent {Sent}, lost {Lost}, POST errors {PostErrors})");
}

/// <summary>
/// One probe: its number, when it was sent (ms after the first), how long the POST took to be answered, and POST start →
/// webhook arrival.
/// </summary>
internal sealed record ProbeSample(int Sequence, double SentMs, double PostMs, double TotalMs)
{
    public string ToTsv() => string.Create(CultureInfo.InvariantCulture, $"{Sequence}\t{SentMs:F3}\t{PostMs:F3}\t{TotalMs:F3}");
}
