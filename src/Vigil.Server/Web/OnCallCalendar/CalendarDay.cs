using NodaTime;

namespace Vigil.Server.Web.OnCallCalendar;

/// <summary>One day of a schedule's calendar in the viewer's zone: its shifts and gaps in time order.</summary>
public sealed record CalendarDay(LocalDate Date, IReadOnlyList<CalendarEntry> Entries, bool IsToday)
{
    public bool HasGap => Entries.Any(e => e.IsGap);
}
