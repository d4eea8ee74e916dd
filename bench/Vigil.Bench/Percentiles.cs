namespace Vigil.Bench;

/// <summary>Nearest-rank percentiles over a set of samples (milliseconds).</summary>
internal static class Percentiles
{
    public static LatencySummary Summarize(IEnumerable<double> samples)
    {
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return LatencySummary.Empty;
        }

        return new LatencySummary(
            sorted.Length,
            At(sorted, 50),
            At(sorted, 90),
            At(sorted, 99),
            sorted[^1]);
    }

    public static double At(double[] sorted, double percentile)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
