using NodaTime;
using NodaTime.Text;
using Vigil.Server.Oncall;

namespace Vigil.Server.Web.OnCallCalendar;

/// <summary>The on-call page's override form gives local times (<c>datetime-local</c>) in the viewer's zone; the override
/// service takes RFC 3339. Anything unreadable is passed on as typed, so the service names the field.</summary>
public static class OverrideInput
{
    private static readonly LocalDateTimePattern Minutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
    private static readonly LocalDateTimePattern Seconds = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    public static string? ToRfc3339(string? local, DateTimeZone zone)
    {
        if (string.IsNullOrWhiteSpace(local))
        {
            return null;
        }
        var text = local.Trim();
        var parsed = Minutes.Parse(text);
        if (!parsed.Success)
        {
            parsed = Seconds.Parse(text);
        }
        // A time skipped or repeated by a clock change resolves like the schedules do (leniently: later offset).
        return parsed.Success && parsed.Value.Year is >= 1000 and < 9000 ? OnCallTime.Local(parsed.Value.InZoneLeniently(zone).ToInstant(), zone) : text;
    }

    /// <summary>The value a <c>datetime-local</c> input shows for <paramref name="at"/>.</summary>
    public static string ToLocalInput(Instant at, DateTimeZone zone) => Minutes.Format(at.InZone(zone).LocalDateTime);
}
