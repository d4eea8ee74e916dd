using System.Globalization;

namespace Vigil.Bench;

/// <summary>The server's <c>vigil_escalation_step_lag_seconds</c> histogram, read from <c>/metrics</c>.</summary>
internal sealed record StepLagHistogram(IReadOnlyList<(double Le, double Count)> Buckets, double Count, double Sum)
{
    private const string Name = "vigil_escalation_step_lag_seconds";

    public static async Task<StepLagHistogram> ReadAsync(HttpClient client, CancellationToken cancel)
    {
        var text = await client.GetStringAsync("metrics", cancel).ConfigureAwait(false);
        var buckets = new List<(double, double)>();
        double count = 0, sum = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(Name + "_bucket{le=\"", StringComparison.Ordinal))
            {
                var le = line[(Name.Length + 12)..line.IndexOf('"', Name.Length + 12)];
                buckets.Add((le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture), Value(line)));
            }
            else if (line.StartsWith(Name + "_count ", StringComparison.Ordinal))
            {
                count = Value(line);
            }
            else if (line.StartsWith(Name + "_sum ", StringComparison.Ordinal))
            {
                sum = Value(line);
            }
        }

        return new StepLagHistogram(buckets, count, sum);
    }

    /// <summary>The upper bound of the bucket holding the <paramref name="percentile"/>th observation, in seconds.</summary>
    public double UpperBound(double percentile)
    {
        var rank = Math.Ceiling(percentile / 100.0 * Count);
        foreach (var (le, n) in Buckets)
        {
            if (n >= rank)
            {
                return le;
            }
        }

        return double.NaN;
    }

    public override string ToString() => Count == 0
        ? "no steps observed"
        : string.Create(CultureInfo.InvariantCulture,
            $"n={Count:F0}, mean {Sum / Count * 1000:F0} ms; p50 ≤ {Bound(50)}, p90 ≤ {Bound(90)}, p99 ≤ {Bound(99)}");

    private string Bound(double p) => UpperBound(p) is var b && double.IsPositiveInfinity(b) ? "+Inf" : string.Create(CultureInfo.InvariantCulture, $"{b * 1000:0.#} ms");

    private static double Value(string line) => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
}
