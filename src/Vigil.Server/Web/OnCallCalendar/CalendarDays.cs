using NodaTime;
using Vigil.Server.Oncall;

namespace Vigil.Server.Web.OnCallCalendar;

/// <summary>Lays a schedule's final shifts and gaps out by day in the viewer's zone (pure).</summary>
public static class CalendarDays
{
    /// <param name="shifts">Final shifts overlapping the range, sorted and not overlapping (what ScheduleRenderer gives).</param>
    public static List<CalendarDay> Build(CalendarRange range, IReadOnlyList<Shift> shifts, DateTimeZone zone, LocalDate today)
    {
        var days = new List<CalendarDay>(range.Days);
        for (var i = 0; i < range.Days; i++)
        {
            var date = range.First.PlusDays(i);
            var start = date.AtStartOfDayInZone(zone).ToInstant();
            var end = date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
            var dayShifts = shifts.Where(s => s.To > start && s.From < end).ToList();
            var entries = dayShifts.Select(s => (From: Max(s.From, start), To: Min(s.To, end), Person: (string?)s.Person, s.Layer))
                .Concat(CoverageGaps.Find(dayShifts, start, end).Select(g => (g.From, g.To, Person: (string?)null, Layer: "")));
            days.Add(new CalendarDay(date,
                [.. entries.OrderBy(e => e.From).Select(e => new CalendarEntry(e.Person, Local(e.From, zone), e.To >= end ? null : Local(e.To, zone), e.Layer))],
                date == today));
        }
        return days;
    }

    private static LocalTime Local(Instant at, DateTimeZone zone) => at.InZone(zone).TimeOfDay;

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
