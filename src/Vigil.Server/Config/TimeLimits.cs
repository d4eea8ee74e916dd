using System.Globalization;
using Cronos;

namespace Vigil.Server.Config;

/// <summary>
/// The ranges of instants, durations and cron schedules Vigil accepts, so that everything accepted can be evaluated:
/// no instant plus a duration overflows, and no schedule leaves its loop waiting for an occurrence that never comes.
/// Shared by the API (400 naming the field) and the configuration readers (file:line).
/// </summary>
public static class TimeLimits
{
    /// <summary>The earliest instant accepted in a date field (an alert's <c>startsAt</c>, a window's <c>start</c>…).
    /// Scripts that back-fill from Unix time 0 stay well inside.</summary>
    public static readonly DateTimeOffset EarliestInstant = new(1000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first instant no longer accepted. The ends of what a clock value can hold (years 1 and 9999) stay
    /// a thousand years away, so adding or subtracting any duration Vigil reads (at most <see cref="PromDuration.Max"/>,
    /// about 292 years) cannot overflow into an exception.</summary>
    public static readonly DateTimeOffset LatestInstant = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The longest a cron schedule may go without an occurrence.</summary>
    public const int CronMaxGapYears = 5;

    /// <summary>Null when <paramref name="t"/> is in [<see cref="EarliestInstant"/>, <see cref="LatestInstant"/>), else the reason.</summary>
    public static string? CheckInstant(DateTimeOffset t) =>
        t >= EarliestInstant && t < LatestInstant
            ? null
            : $"{Format(t)} is out of range; give a time from {Format(EarliestInstant)} to before {Format(LatestInstant)}";

    /// <summary>The same for an instant NodaTime can hold but a <see cref="DateTimeOffset"/> may not (year -1, say).</summary>
    public static string? CheckInstant(NodaTime.Instant t) =>
        t >= NodaTime.Instant.FromDateTimeOffset(EarliestInstant) && t < NodaTime.Instant.FromDateTimeOffset(LatestInstant)
            ? null
            : $"{NodaTime.Text.InstantPattern.General.Format(t)} is out of range; give a time from {Format(EarliestInstant)} to before {Format(LatestInstant)}";

    /// <summary>Null when <paramref name="d"/> is in [<paramref name="min"/>, <paramref name="max"/>], else the reason naming the range.</summary>
    public static string? CheckDuration(TimeSpan d, TimeSpan min, TimeSpan max) =>
        d >= min && d <= max ? null : $"{FormatDuration(d)} is out of range; it must be from {FormatDuration(min)} to {FormatDuration(max)}";

    /// <summary>A duration in days, hours, minutes, seconds and milliseconds (<c>365d</c>, <c>1d12h</c>): ranges read better without years and weeks.</summary>
    public static string FormatDuration(TimeSpan d)
    {
        if (d < TimeSpan.Zero)
        {
            return d == TimeSpan.MinValue ? "-" + FormatDuration(TimeSpan.MaxValue) : "-" + FormatDuration(d.Negate());
        }
        var text = PromDuration.Format(d - TimeSpan.FromDays(Math.Floor(d.TotalDays)));
        var days = (long)Math.Floor(d.TotalDays);
        return days == 0 ? text : text == "0s" ? $"{days}d" : $"{days}d{text}";
    }

    /// <summary>The same for a duration still in text: null and the value when it parses and is in range.</summary>
    public static string? ParseDuration(string text, TimeSpan min, TimeSpan max, out TimeSpan value)
    {
        if (!PromDuration.TryParse(text.Trim(), out value))
        {
            return $"not a valid duration: \"{text}\" (e.g. 30s, 5m, 2h, 7d); it must be from {FormatDuration(min)} to {FormatDuration(max)}";
        }
        return CheckDuration(value, min, max);
    }

    /// <summary>
    /// Null when the expression fires at least once in every <see cref="CronMaxGapYears"/> years, else the reason
    /// (<c>0 0 31 2 *</c> never fires). Cron has no year field, and the calendar of weekdays and leap days repeats every
    /// 28 years (1901–2099), so checking that the next occurrence from each 1 January of one such cycle is at most four
    /// years away proves every five-year span has one, wherever "now" is. Wall-clock time: zones do not change this.
    /// </summary>
    public static string? CheckCron(CronExpression cron)
    {
        for (var year = 2001; year < 2001 + 28; year++)
        {
            var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var next = cron.GetNextOccurrence(from, inclusive: true);
            if (next is null)
            {
                return $"it never fires (no such date); give a schedule that fires at least once every {CronMaxGapYears} years";
            }
            if (next.Value > from.AddYears(CronMaxGapYears - 1))
            {
                return $"it does not fire from {Format(from)} to {Format(next.Value)}; give a schedule that fires at least once every {CronMaxGapYears} years";
            }
        }
        return null;
    }

    private static string Format(DateTimeOffset t) => Format(t.UtcDateTime);

    private static string Format(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
