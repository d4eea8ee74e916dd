namespace Vigil.Server.Config;

/// <summary>
/// A named entry of <c>time_intervals</c>: it contains an instant when any of its intervals does.
/// Each interval's fields (times, weekdays, days_of_month, months, years, location) must all match;
/// an empty field matches everything. Evaluated in the interval's location (IANA zone, default UTC).
/// </summary>
public sealed record TimeIntervalSet(string Name, IReadOnlyList<TimeIntervalSpec> Intervals)
{
    public bool Contains(DateTimeOffset instant) => Intervals.Any(i => i.Contains(instant));
}
