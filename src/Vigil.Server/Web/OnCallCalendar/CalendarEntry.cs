using NodaTime;

namespace Vigil.Server.Web.OnCallCalendar;

/// <summary>A shift (or a gap, when <see cref="Person"/> is null) clipped to one calendar day, in the viewer's zone.
/// <see cref="To"/> is null when it runs to the end of the day (shown as 24:00).</summary>
public sealed record CalendarEntry(string? Person, LocalTime From, LocalTime? To, string Layer)
{
    public bool IsGap => Person is null;

    public string Times => $"{From:HH':'mm}–{(To is { } t ? t.ToString("HH':'mm", System.Globalization.CultureInfo.InvariantCulture) : "24:00")}";
}
