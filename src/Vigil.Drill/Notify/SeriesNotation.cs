using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Drill.Notify;

/// <summary>
/// promtool's <c>input_series</c> values read as an alert's state per step: a non-zero value fires; <c>0</c>, <c>_</c>
/// (no sample) and <c>stale</c> do not. As in promtool, <c>axn</c> and <c>a+bxn</c> expand to n+1 samples
/// (<c>1x3</c> is <c>1 1 1 1</c>; <c>0+1x2</c> is <c>0 1 2</c>), and <c>_xn</c> to n blanks.
/// </summary>
internal static partial class SeriesNotation
{
    [GeneratedRegex(@"^(?<a>[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?)(?:(?<op>[-+])(?<b>(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?))?x(?<n>\d+)$")]
    private static partial Regex Expanding();

    /// <summary>One entry per step; null when the text is not valid (<paramref name="error"/> says why).</summary>
    public static IReadOnlyList<bool>? Parse(string text, out string? error)
    {
        var steps = new List<bool>();
        error = null;
        foreach (var token in text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (token is "_" or "stale")
            {
                steps.Add(false);
            }
            else if (token.StartsWith("_x", StringComparison.Ordinal) && int.TryParse(token[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var blanks))
            {
                steps.AddRange(Enumerable.Repeat(false, blanks));
            }
            else if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                steps.Add(value != 0);
            }
            else if (Expanding().Match(token) is { Success: true } m && int.TryParse(m.Groups["n"].Value, CultureInfo.InvariantCulture, out var n) && n <= 1_000_000)
            {
                var a = double.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
                var b = m.Groups["b"].Success ? double.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture) * (m.Groups["op"].Value == "-" ? -1 : 1) : 0;
                for (var i = 0; i <= n; i++)
                {
                    steps.Add(a + (b * i) != 0);
                }
            }
            else
            {
                error = $"not a value of promtool's series notation: \"{token}\" (e.g. \"1x30 0x10\", \"_x5 1x20\", \"0 1 1 _\")";
                return null;
            }
        }
        if (steps.Count == 0)
        {
            error = "the series is empty";
            return null;
        }
        return steps;
    }
}
