using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Server.Config;

/// <summary>Prometheus' duration format (<c>1h30m</c>, <c>5m</c>, <c>0s</c>, <c>1d</c>, <c>2w</c>, <c>250ms</c>).</summary>
public static partial class PromDuration
{
    /// <summary>
    /// The longest duration accepted: Go's time.Duration limit (about 292 years), as prometheus/common's
    /// ParseDuration has; longer texts ("10000y") are not valid durations, so no instant plus a duration can overflow.
    /// </summary>
    public static readonly TimeSpan Max = TimeSpan.FromMilliseconds(long.MaxValue / 1_000_000);

    [GeneratedRegex("^(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (text == "0")
        {
            return true;
        }
        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return false;
        }
        long[] unitsMs = [365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1];
        long total = 0;
        var any = false;
        for (var i = 0; i < unitsMs.Length; i++)
        {
            var g = m.Groups[i + 1];
            if (!g.Success)
            {
                continue;
            }
            any = true;
            if (!long.TryParse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return false;
            }
            if (n > Max.TotalMilliseconds / unitsMs[i])
            {
                return false;
            }
            total += n * unitsMs[i];
            if (total > (long)Max.TotalMilliseconds)
            {
                return false;
            }
        }
        value = TimeSpan.FromMilliseconds(total);
        return any;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"not a valid duration string: \"{text}\"");

    /// <summary>Formats as Prometheus does (<c>5m</c>, <c>1h30m</c>, <c>0s</c>).</summary>
    public static string Format(TimeSpan d)
    {
        var ms = (long)d.TotalMilliseconds;
        if (ms == 0)
        {
            return "0s";
        }
        var sb = new StringBuilder();
        (long Unit, string Name)[] units = [(365L * 24 * 3600_000, "y"), (7L * 24 * 3600_000, "w"), (24L * 3600_000, "d"), (3600_000, "h"), (60_000, "m"), (1000, "s"), (1, "ms")];
        foreach (var (unit, name) in units)
        {
            if (ms >= unit)
            {
                sb.Append(ms / unit).Append(name);
                ms %= unit;
            }
        }
        return sb.ToString();
    }
}
