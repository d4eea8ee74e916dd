using NodaTime;

namespace Vigil.Server.Oncall;

/// <summary>Reads <c>from</c>, <c>to</c> and <c>zone</c> query parameters: <c>from</c> defaults to now, <c>to</c> to a week later; at most 400 days.</summary>
internal static class RangeQuery
{
    public static readonly Duration MaxLength = Duration.FromDays(400);

    public static (Instant From, Instant To, string? Error) Parse(string? from, string? to, Instant now)
    {
        var start = now;
        if (from is { Length: > 0 } && from != "now" && !OnCallTime.TryParseInstant(from, out start))
        {
            return (default, default, $"from: not an RFC 3339 time: \"{from}\"");
        }
        if (Config.TimeLimits.CheckInstant(start) is { } early)
        {
            return (default, default, "from: " + early);
        }
        var end = start + Duration.FromDays(7);
        if (to is { Length: > 0 } && !OnCallTime.TryParseInstant(to, out end))
        {
            return (default, default, $"to: not an RFC 3339 time: \"{to}\"");
        }
        if (Config.TimeLimits.CheckInstant(end) is { } late)
        {
            return (default, default, "to: " + late);
        }
        if (end <= start)
        {
            return (default, default, "to: must be after from");
        }
        return end - start > MaxLength ? (default, default, "to: the range may span at most 400 days") : (start, end, null);
    }

    /// <summary>The zone named by <paramref name="zone"/>, else <paramref name="fallback"/>; an error for an unknown name.</summary>
    public static (DateTimeZone? Zone, string? Error) Zone(string? zone, DateTimeZone fallback)
    {
        if (zone is not { Length: > 0 })
        {
            return (fallback, null);
        }
        return OnCallTime.Zone(zone) is { } z ? (z, null) : (null, $"zone: unknown IANA time zone \"{zone}\"");
    }
}
