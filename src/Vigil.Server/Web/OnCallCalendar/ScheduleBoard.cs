using NodaTime;
using Vigil.Server.Oncall;

namespace Vigil.Server.Web.OnCallCalendar;

/// <summary>What the on-call page shows for one schedule: who is on call now and next, the calendar of the range,
/// its final shifts and coverage gaps.</summary>
public sealed record ScheduleBoard(
    Schedule Schedule,
    Shift? Now,
    Shift? Next,
    IReadOnlyList<CalendarDay> Days,
    IReadOnlyList<Shift> Shifts,
    IReadOnlyList<InstantRange> Gaps)
{
    /// <summary>How far ahead "next" looks (the lookup keeps five weeks rendered).</summary>
    private static readonly Duration NextHorizon = Duration.FromDays(35);

    public static ScheduleBoard Build(Schedule schedule, OnCallLookup lookup, CalendarRange range, DateTimeZone viewer, Instant now, LocalDate today)
    {
        var current = lookup.ShiftAt(schedule.Name, now);
        var after = current?.To ?? now;
        var next = (lookup.Shifts(schedule.Name, after, after + NextHorizon) ?? [])
            .FirstOrDefault(s => s.From >= after && s.Person != current?.Person);
        var from = range.From(viewer);
        var to = range.To(viewer);
        var shifts = lookup.Shifts(schedule.Name, from, to) ?? [];
        return new ScheduleBoard(schedule, current, next, CalendarDays.Build(range, shifts, viewer, today), shifts, CoverageGaps.Find(shifts, from, to));
    }
}
