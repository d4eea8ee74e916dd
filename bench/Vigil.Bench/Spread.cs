namespace Vigil.Bench;

/// <summary>The median of one measure over the runs that produced it, with the lowest and highest.</summary>
internal sealed record Spread(double Median, double Min, double Max, int Count)
{
    /// <summary>Null when no run produced the measure; the median of an even count is the mean of the middle two.</summary>
    public static Spread? Of(IEnumerable<double?> values)
    {
        var sorted = values.Where(v => v is { } d && double.IsFinite(d)).Select(v => v!.Value).Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[^1], sorted.Length);
    }
}
