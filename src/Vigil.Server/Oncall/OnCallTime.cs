using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Vigil.Server.Oncall;

/// <summary>Reading and writing instants and zones at the edges (config, query strings, JSON).</summary>
public static class OnCallTime
{
    /// <summary>RFC 3339 (<c>2027-03-14T09:00:00-07:00</c>, <c>…Z</c>); a bare date is midnight UTC.</summary>
    public static bool TryParseInstant(string? text, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var t = text.Trim();
        var withOffset = OffsetDateTimePattern.ExtendedIso.Parse(t);
        if (withOffset.Success)
        {
            instant = withOffset.Value.ToInstant();
            return true;
        }
        var iso = InstantPattern.ExtendedIso.Parse(t);
        if (iso.Success)
        {
            instant = iso.Value;
            return true;
        }
        var date = LocalDatePattern.Iso.Parse(t);
        if (date.Success)
        {
            instant = date.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
            return true;
        }
        return false;
    }

    public static DateTimeZone? Zone(string? id) => id is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    /// <summary>UTC, seconds precision: <c>2027-03-14T16:00:00Z</c>.</summary>
    public static string Utc(Instant instant) => InstantPattern.General.Format(instant);

    /// <summary>Local time with offset in <paramref name="zone"/>: <c>2027-03-14T09:00:00-07:00</c>.</summary>
    public static string Local(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToOffsetDateTime().ToString("uuuu'-'MM'-'dd'T'HH':'mm':'sso<m>", CultureInfo.InvariantCulture);

    public static Instant Of(DateTimeOffset at) => Instant.FromDateTimeOffset(at);

    /// <summary>A duration as Prometheus-style text (<c>4h</c>, <c>1d2h</c>).</summary>
    public static string Seconds(Duration d) => Config.PromDuration.Format(d.ToTimeSpan());
}
