using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Vigil.Server.Web.Sessions;

/// <summary>The viewer's time zone: the IANA zone the browser reported in the <c>vigil_tz</c> cookie (the page
/// script sets it), else the zone of the person the user is linked to, else UTC. Every time in the UI is shown in it, with the zone named.</summary>
public static class UiZone
{
    public const string CookieName = "vigil_tz";
    private static readonly LocalDateTimePattern Pattern = LocalDateTimePattern.CreateWithInvariantCulture("ddd d MMM HH:mm");
    private static readonly LocalDateTimePattern FullPattern = LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm:ss");

    public static DateTimeZone Of(HttpContext context)
    {
        var name = context.Request.Cookies[CookieName];
        return name is { Length: > 0 and < 64 } && DateTimeZoneProviders.Tzdb.GetZoneOrNull(name) is { } zone ? zone : PersonZone(context) ?? DateTimeZone.Utc;
    }

    /// <summary>Before the browser has said (or with JavaScript off): the zone of the person the user is linked to.</summary>
    private static DateTimeZone? PersonZone(HttpContext context) =>
        UiUser.Of(context)?.Person is { } person
        && context.RequestServices.GetService(typeof(Config.ConfigHolder)) is Config.ConfigHolder config
        && config.Current.Oncall.People.GetValueOrDefault(person) is { } p
            ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(p.TimeZone)
            : null;

    public static string Describe(HttpContext context) => Of(context).Id;

    /// <summary>"Tue 1 Dec 16:40 CET": short, for tables.</summary>
    public static string Format(HttpContext context, DateTimeOffset at)
    {
        var zoned = Instant.FromDateTimeOffset(at).InZone(Of(context));
        return Pattern.Format(zoned.LocalDateTime) + " " + Abbreviation(zoned);
    }

    /// <summary>"2026-12-01 16:40:05 CET": for titles and timelines.</summary>
    public static string FormatFull(HttpContext context, DateTimeOffset at)
    {
        var zoned = Instant.FromDateTimeOffset(at).InZone(Of(context));
        return FullPattern.Format(zoned.LocalDateTime) + " " + Abbreviation(zoned);
    }

    /// <summary>"3 min ago" / "in 2 h 5 min".</summary>
    public static string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var span = at - now;
        if (span.Duration() < TimeSpan.FromSeconds(1))
        {
            return "now";
        }
        var text = Duration(span.Duration());
        return span < TimeSpan.Zero ? text + " ago" : "in " + text;
    }

    public static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 60 } => ((int)span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s",
        { TotalMinutes: < 60 } => ((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " min",
        { TotalHours: < 48 } => $"{(int)span.TotalHours} h {span.Minutes} min",
        _ => ((int)span.TotalDays).ToString(CultureInfo.InvariantCulture) + " d",
    };

    private static string Abbreviation(ZonedDateTime zoned)
    {
        var name = zoned.GetZoneInterval().Name;
        // tzdb names zones without an abbreviation by their offset ("+0530"); show those as UTC+05:30.
        return name.Length > 0 && (name[0] == '+' || name[0] == '-') ? "UTC" + zoned.Offset.ToString("m", CultureInfo.InvariantCulture) : name;
    }
}
