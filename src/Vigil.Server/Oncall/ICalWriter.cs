using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Vigil.Server.Oncall;

/// <summary>
/// An iCalendar (RFC 5545) feed of shifts, written by hand: one VEVENT per shift with a stable UID, DTSTAMP and
/// DTSTART/DTEND in UTC (<c>Z</c>), CRLF line ends, text escaped and lines folded at 75 octets.
/// </summary>
public static class ICalWriter
{
    private static readonly InstantPattern Stamp = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");

    /// <summary>One event of a feed: the shift, the schedule it is in, and the summary line.</summary>
    public sealed record Event(string Schedule, Shift Shift, string Summary);

    public static string Write(string calendarName, IEnumerable<Event> events, Instant now)
    {
        var sb = new StringBuilder();
        Line(sb, "BEGIN:VCALENDAR");
        Line(sb, "VERSION:2.0");
        Line(sb, "PRODID:-//Vigil//On-call schedules//EN");
        Line(sb, "CALSCALE:GREGORIAN");
        Line(sb, "METHOD:PUBLISH");
        Line(sb, "X-WR-CALNAME:" + Escape(calendarName));
        foreach (var e in events)
        {
            var s = e.Shift;
            Line(sb, "BEGIN:VEVENT");
            Line(sb, "UID:" + Uid(e) + "@vigil");
            Line(sb, "DTSTAMP:" + Stamp.Format(now));
            Line(sb, "DTSTART:" + Stamp.Format(s.From));
            Line(sb, "DTEND:" + Stamp.Format(s.To));
            Line(sb, "SUMMARY:" + Escape(e.Summary));
            Line(sb, "DESCRIPTION:" + Escape($"{s.Person} is on call in schedule {e.Schedule} (layer {s.Layer})."));
            Line(sb, "TRANSP:TRANSPARENT");
            Line(sb, "END:VEVENT");
        }
        Line(sb, "END:VCALENDAR");
        return sb.ToString();
    }

    /// <summary>TEXT escaping (RFC 5545 §3.3.11).</summary>
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Appends a content line folded at 75 octets (never inside a UTF-8 sequence), each piece ending in CRLF.</summary>
    public static void Line(StringBuilder sb, string line)
    {
        var octets = 0;
        const int limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 1;
            }
            sb.Append(rune.ToString());
            octets += size;
        }
        sb.Append("\r\n");
    }

    private static string Uid(Event e)
    {
        var key = $"{e.Schedule}|{e.Shift.Person}|{e.Shift.Layer}|{e.Shift.From.ToUnixTimeMilliseconds()}|{e.Shift.To.ToUnixTimeMilliseconds()}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
    }
}
