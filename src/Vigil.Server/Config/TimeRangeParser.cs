using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Server.Config;

/// <summary>
/// The range syntax of Alertmanager's timeinterval package ("monday:friday", "-3:-1", "january:march",
/// "09:00"), with its validation rules and messages. Throws <see cref="FormatException"/>; the caller
/// adds file, line and key.
/// </summary>
internal static partial class TimeRangeParser
{
    private static readonly string[] WeekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    [GeneratedRegex("^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)")]
    private static partial Regex ValidTime();

    /// <summary>Weekdays as 0=Sunday..6, names only, as Alertmanager.</summary>
    public static IntRange Weekdays(string text)
    {
        var r = Range(text, s => Array.IndexOf(WeekdayNames, s) is var i and >= 0 ? i : throw new FormatException($"{s} is not a valid weekday"));
        if (r.Begin > r.End)
        {
            throw new FormatException("start day cannot be before end day");
        }
        return r;
    }

    /// <summary>1..31, or -31..-1 counting back from the month's last day.</summary>
    public static IntRange DaysOfMonth(string text)
    {
        var r = Range(text, Integer);
        foreach (var day in new[] { r.Begin, r.End })
        {
            if (day is 0 or < -31 or > 31)
            {
                throw new FormatException($"{day} is not a valid day of the month: out of range");
            }
        }
        if (r.Begin < 0 && r.End > 0)
        {
            throw new FormatException("end day must be negative if start day is negative");
        }
        // Month lengths vary, so like Alertmanager only reject what fails even for a 28-day month.
        var begin = r.Begin < 0 ? 28 + r.Begin : r.Begin;
        var end = r.End < 0 ? 28 + r.End : r.End;
        if (begin > end)
        {
            throw new FormatException($"end day {r.End} is always before start day {r.Begin}");
        }
        return r;
    }

    /// <summary>Months 1..12, by number or name.</summary>
    public static IntRange Months(string text)
    {
        var r = Range(text, s => Array.IndexOf(MonthNames, s) is var i and >= 0 ? i + 1
            : int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
            : throw new FormatException($"{s} is not a valid month"));
        // Alertmanager 0.25 accepts month 13, which can never match; refusing it catches the typo.
        foreach (var month in new[] { r.Begin, r.End })
        {
            if (month is < 1 or > 12)
            {
                throw new FormatException($"{month} is not a valid month: out of range");
            }
        }
        if (r.Begin > r.End)
        {
            throw new FormatException($"end month {MonthNames[r.End - 1]} is before start month {MonthNames[r.Begin - 1]}");
        }
        return r;
    }

    public static IntRange Years(string text)
    {
        var r = Range(text, Integer);
        if (r.Begin > r.End)
        {
            throw new FormatException($"end year {r.End} is before start year {r.Begin}");
        }
        return r;
    }

    /// <summary>"HH:MM" as minutes since midnight; "24:00" is 1440 so a range can run to the end of the day.</summary>
    public static int TimeOfDay(string text)
    {
        if (!ValidTime().IsMatch(text))
        {
            throw new FormatException($"couldn't parse timestamp {text}, invalid format");
        }
        var parts = text.Split(':');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture) * 60) + int.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    private static IntRange Range(string text, Func<string, int> member)
    {
        var lower = text.ToLowerInvariant();
        if (!lower.Contains(':'))
        {
            var v = member(lower);
            return new IntRange(v, v);
        }
        var parts = lower.Split(':');
        if (parts.Length != 2)
        {
            throw new FormatException($"couldn't parse range {lower}, invalid format");
        }
        return new IntRange(member(parts[0]), member(parts[1]));
    }

    private static int Integer(string s) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"{s} is not a valid integer");
}
