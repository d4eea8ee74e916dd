using NodaTime;

namespace Vigil.Server.Config;

/// <summary>An inclusive range of integers (weekdays 0=Sunday..6, days of month with negatives
/// counting from the month's end, months 1..12, years).</summary>
public readonly record struct IntRange(int Begin, int End);

/// <summary>A time-of-day range in minutes since local midnight: start inclusive, end exclusive (end may be 1440).</summary>
public readonly record struct MinuteRange(int StartMinute, int EndMinute);

/// <summary>One entry of a time interval's <c>time_intervals</c> list, with Alertmanager's semantics.</summary>
public sealed record TimeIntervalSpec
{
    public IReadOnlyList<MinuteRange> Times { get; init; } = [];

    public IReadOnlyList<IntRange> Weekdays { get; init; } = [];

    public IReadOnlyList<IntRange> DaysOfMonth { get; init; } = [];

    public IReadOnlyList<IntRange> Months { get; init; } = [];

    public IReadOnlyList<IntRange> Years { get; init; } = [];

    public DateTimeZone Location { get; init; } = DateTimeZone.Utc;

    public bool Contains(DateTimeOffset instant)
    {
        var local = Instant.FromDateTimeOffset(instant).InZone(Location).LocalDateTime;
        if (Times.Count > 0)
        {
            var minute = (local.Hour * 60) + local.Minute;
            if (!Times.Any(t => minute >= t.StartMinute && minute < t.EndMinute))
            {
                return false;
            }
        }
        if (Weekdays.Count > 0)
        {
            var weekday = local.DayOfWeek == IsoDayOfWeek.Sunday ? 0 : (int)local.DayOfWeek;
            if (!Weekdays.Any(r => weekday >= r.Begin && weekday <= r.End))
            {
                return false;
            }
        }
        if (DaysOfMonth.Count > 0 && !DaysOfMonth.Any(r => DayOfMonthMatches(r, local.Date)))
        {
            return false;
        }
        if (Months.Count > 0 && !Months.Any(r => local.Month >= r.Begin && local.Month <= r.End))
        {
            return false;
        }
        if (Years.Count > 0 && !Years.Any(r => local.Year >= r.Begin && local.Year <= r.End))
        {
            return false;
        }
        return true;
    }

    private static bool DayOfMonthMatches(IntRange r, LocalDate date)
    {
        var days = CalendarSystem.Iso.GetDaysInMonth(date.Year, date.Month);
        var begin = r.Begin < 0 ? days + r.Begin + 1 : r.Begin;
        var end = r.End < 0 ? days + r.End + 1 : r.End;
        if (begin > days)
        {
            return false;
        }
        begin = Math.Clamp(begin, -days, days);
        end = Math.Clamp(end, -days, days);
        return date.Day >= begin && date.Day <= end;
    }
}
