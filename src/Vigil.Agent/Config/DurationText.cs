using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Agent.Config;

/// <summary>Durations as Prometheus writes them: <c>500ms</c>, <c>10s</c>, <c>1m30s</c>, <c>2h</c>.</summary>
internal static partial class DurationText
{
    [GeneratedRegex(@"^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$")]
    private static partial Regex Pattern();

    public static TimeSpan? Parse(string text)
    {
        var m = Pattern().Match(text.Trim());
        if (!m.Success || text.Trim().Length == 0)
        {
            return null;
        }
        double Part(int i) => m.Groups[i].Success ? double.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture) : 0;
        return TimeSpan.FromHours(Part(1)) + TimeSpan.FromMinutes(Part(2)) + TimeSpan.FromSeconds(Part(3)) + TimeSpan.FromMilliseconds(Part(4));
    }
}
