using System.Globalization;

namespace Vigil.Server.Config;

/// <summary>Go's time.ParseDuration (<c>1m30s</c>, <c>1.5h</c>, <c>300ms</c>), for the keys Alertmanager reads with it (Pushover's retry and expire).</summary>
internal static class GoDurationParser
{
    private static readonly (string Unit, decimal Ticks)[] Units =
    [
        ("ns", 0.01m), ("us", 10m), ("µs", 10m), ("μs", 10m), ("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>The duration, or the error text Go gives (<c>time: missing unit in duration "30"</c>).</summary>
    public static (TimeSpan Value, string? Error) Parse(string text)
    {
        var quoted = Templates.GoQuote.Quote(text);
        var s = text;
        var negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s == "0")
        {
            return (TimeSpan.Zero, null);
        }
        if (s.Length == 0)
        {
            return (default, "time: invalid duration " + quoted);
        }
        decimal total = 0;
        while (s.Length > 0)
        {
            var i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }
            var number = s[..i];
            if (number.Length == 0 || number == "." || number.Count(c => c == '.') > 1
                || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return (default, "time: invalid duration " + quoted);
            }
            s = s[i..];
            var u = 0;
            while (u < s.Length && !char.IsAsciiDigit(s[u]) && s[u] != '.')
            {
                u++;
            }
            if (u == 0)
            {
                return (default, "time: missing unit in duration " + quoted);
            }
            var unit = s[..u];
            var match = Units.FirstOrDefault(x => x.Unit == unit);
            if (match.Unit is null)
            {
                return (default, $"time: unknown unit {Templates.GoQuote.Quote(unit)} in duration {quoted}");
            }
            total += value * match.Ticks;
            s = s[u..];
        }
        if (total > TimeSpan.MaxValue.Ticks)
        {
            return (default, "time: invalid duration " + quoted);
        }
        var ticks = (long)total;
        return (TimeSpan.FromTicks(negative ? -ticks : ticks), null);
    }
}
