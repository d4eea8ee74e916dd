using System.Globalization;
using Vigil.Server.Config;

namespace Vigil.Drill.Notify;

/// <summary>Instants in a drill file: a duration after <c>start</c> (<c>90s</c>, <c>1h30m</c>) or an RFC 3339 time.</summary>
internal static class DrillTimes
{
    public static DateTimeOffset Read(YamlCursor node, DateTimeOffset start)
    {
        var text = node.Text().Trim();
        if (PromDuration.TryParse(text, out var offset))
        {
            return start + offset;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && text.Contains('T', StringComparison.Ordinal))
        {
            return TimeLimits.CheckInstant(at) is { } reason ? throw node.Error(reason) : at.ToUniversalTime();
        }
        throw node.Error($"not a duration after start (e.g. 90s, 1h30m) nor an RFC 3339 time: {Server.Labels.GoQuote.Quote(text)}");
    }

    public static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
