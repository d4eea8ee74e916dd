using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Vigil.Server.Web.OnCallCalendar;

/// <summary>Which days the on-call page shows: a week from Monday (the default) or a calendar month, chosen by the
/// query string (<c>?view=month&amp;start=2027-03-01</c>) in the viewer's zone.</summary>
public sealed record CalendarRange(bool Month, LocalDate First, int Days)
{
    public LocalDate Last => First.PlusDays(Days - 1);

    public Instant From(DateTimeZone zone) => First.AtStartOfDayInZone(zone).ToInstant();

    public Instant To(DateTimeZone zone) => First.PlusDays(Days).AtStartOfDayInZone(zone).ToInstant();

    public string View => Month ? "month" : "week";

    public LocalDate Previous => Month ? First.PlusMonths(-1) : First.PlusWeeks(-1);

    public LocalDate Next => Month ? First.PlusMonths(1) : First.PlusWeeks(1);

    public string Title => Month
        ? First.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
        : $"{First.ToString("d MMM", CultureInfo.InvariantCulture)} – {Last.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>The range for the query, or an error naming the parameter (the page then shows this week).</summary>
    public static (CalendarRange Range, string? Error) Parse(string? view, string? start, LocalDate today)
    {
        var month = string.Equals(view, "month", StringComparison.Ordinal);
        string? error = view is null or "week" or "month" ? null : $"view: must be week or month (got \"{Short(view)}\")";
        var day = today;
        if (!string.IsNullOrEmpty(start))
        {
            var parsed = LocalDatePattern.Iso.Parse(start);
            if (parsed.Success && parsed.Value.Year is >= 1900 and <= 8999)
            {
                day = parsed.Value;
            }
            else
            {
                error ??= $"start: not a date such as 2027-03-01 (got \"{Short(start)}\")";
            }
        }
        if (month)
        {
            var first = new LocalDate(day.Year, day.Month, 1);
            return (new CalendarRange(true, first, CalendarSystem.Iso.GetDaysInMonth(day.Year, day.Month)), error);
        }
        return (new CalendarRange(false, day.PlusDays(1 - (int)day.DayOfWeek), 7), error);
    }

    private static string Short(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
