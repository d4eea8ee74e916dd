using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Server.Config;

namespace Vigil.Drill.Simulation;

/// <summary>
/// A length of time drawn at random from a seeded generator: a fixed duration (<c>3m</c>), <c>uniform(1m, 10m)</c>,
/// <c>lognormal(5m, 20m)</c> (median and 90th percentile, the shape of human response times), or <c>never</c>.
/// </summary>
internal sealed partial record Distribution(string Kind, TimeSpan A, TimeSpan B, string Written)
{
    public static readonly Distribution Never = new("never", TimeSpan.Zero, TimeSpan.Zero, "never");

    public bool IsNever => Kind == "never";

    public static Distribution Fixed(TimeSpan d) => new("fixed", d, d, d.ToString());

    /// <summary>A draw; null for <c>never</c>. Exactly one value is taken from <paramref name="random"/> per draw, so
    /// adding a responder does not shift the others' draws.</summary>
    public TimeSpan? Draw(Random random)
    {
        var u = random.NextDouble();
        switch (Kind)
        {
            case "never":
                return null;
            case "fixed":
                return A;
            case "uniform":
                return A + (B - A) * u;
            default:
                // ln X ~ N(mu, sigma²): mu from the median, sigma from the 90th percentile (z = 1.2816).
                var mu = Math.Log(A.TotalSeconds);
                var sigma = Math.Max(0, (Math.Log(B.TotalSeconds) - mu) / 1.2815515655446004);
                var z = InverseNormal(Math.Clamp(u, 1e-9, 1 - 1e-9));
                var seconds = Math.Exp(mu + sigma * z);
                return TimeSpan.FromMilliseconds(Math.Round(Math.Min(seconds, 7 * 86400) * 1000));
        }
    }

    /// <summary>Parses a distribution; null with <paramref name="error"/> when the text is none.</summary>
    public static Distribution? TryParse(string text, out string? error)
    {
        error = null;
        var t = text.Trim();
        if (t == "never")
        {
            return Never;
        }
        if (PromDuration.TryParse(t, out var fixedValue))
        {
            return new Distribution("fixed", fixedValue, fixedValue, t);
        }
        var m = Call().Match(t);
        if (!m.Success || (m.Groups[1].Value != "uniform" && m.Groups[1].Value != "lognormal"))
        {
            error = $"not a duration or distribution: \"{t}\" (a duration like 3m, uniform(1m, 10m), lognormal(MEDIAN, P90) or never)";
            return null;
        }
        if (!PromDuration.TryParse(m.Groups[2].Value.Trim(), out var a) || !PromDuration.TryParse(m.Groups[3].Value.Trim(), out var b))
        {
            error = $"the arguments of {m.Groups[1].Value}(…) must be durations: \"{t}\"";
            return null;
        }
        if (b < a || a <= TimeSpan.Zero && m.Groups[1].Value == "lognormal")
        {
            error = m.Groups[1].Value == "uniform"
                ? $"uniform(MIN, MAX) needs MIN ≤ MAX: \"{t}\""
                : $"lognormal(MEDIAN, P90) needs 0 < MEDIAN ≤ P90: \"{t}\"";
            return null;
        }
        return new Distribution(m.Groups[1].Value, a, b, t);
    }

    public override string ToString() => Written;

    [GeneratedRegex(@"^(\w+)\(([^,]+),([^)]+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Call();

    // Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9).
    private static double InverseNormal(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
