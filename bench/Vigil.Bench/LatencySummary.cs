using System.Globalization;

namespace Vigil.Bench;

/// <summary>Count and percentiles of a latency distribution, in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max)
{
    public static readonly LatencySummary Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"n={Count} p50={P50:F1}ms p90={P90:F1}ms p99={P99:F1}ms max={Max:F1}ms");
}
