using System.Globalization;
using System.Text;

namespace Vigil.Server.Templates;

/// <summary>Go's Time.Format with reference-time layouts (<c>2006-01-02T15:04:05Z07:00</c>, <c>Jan _2 3:04PM MST</c>, <c>.000</c>, …).</summary>
internal static class GoTimeLayout
{
    private static readonly string[] Std =
    [
        "January", "Jan", "Monday", "Mon", "MST", "2006", "002", "__2", "_2", "01", "02", "03", "04", "05", "06", "15",
        "-07:00:00", "-070000", "-07:00", "-0700", "-07", "Z07:00:00", "Z070000", "Z07:00", "Z0700", "Z07", "PM", "pm", "1", "2", "3", "4", "5",
    ];

    public static string Format(GoTime time, string layout)
    {
        var local = time.Instant;
        var sb = new StringBuilder(layout.Length + 10);
        int i = 0;
        while (i < layout.Length)
        {
            string? token = Match(layout, i);
            if (token is null)
            {
                sb.Append(layout[i]);
                i++;
                continue;
            }
            i += token.Length;
            Append(sb, token, local, time.Zone, time.SubTickNanos);
        }
        return sb.ToString();
    }

    private static string? Match(string layout, int i)
    {
        char c = layout[i];
        if ((c == '.' || c == ',') && i + 1 < layout.Length && layout[i + 1] is '0' or '9')
        {
            char digit = layout[i + 1];
            int j = i + 1;
            while (j < layout.Length && layout[j] == digit)
            {
                j++;
            }
            if (j >= layout.Length || !char.IsAsciiDigit(layout[j]))
            {
                return layout[i..j];
            }
        }
        foreach (string std in Std)
        {
            if (string.CompareOrdinal(layout, i, std, 0, std.Length) != 0)
            {
                continue;
            }
            // "Jan"/"Mon" followed by a lower-case letter is text ("Janet"), not a month.
            if (std is "Mon" or "Jan" && i + 3 < layout.Length && char.IsLower(layout[i + 3]))
            {
                continue;
            }
            return std;
        }
        return null;
    }

    private static void Append(StringBuilder sb, string token, DateTimeOffset t, string zone, int subTickNanos)
    {
        var inv = CultureInfo.InvariantCulture;
        int hour12 = t.Hour % 12 == 0 ? 12 : t.Hour % 12;
        switch (token)
        {
            case "January": sb.Append(inv.DateTimeFormat.GetMonthName(t.Month)); return;
            case "Jan": sb.Append(inv.DateTimeFormat.GetAbbreviatedMonthName(t.Month)); return;
            case "Monday": sb.Append(t.DayOfWeek.ToString()); return;
            case "Mon": sb.Append(t.DayOfWeek.ToString()[..3]); return;
            case "2006": sb.Append(t.Year.ToString("D4", inv)); return;
            case "06": sb.Append((t.Year % 100).ToString("D2", inv)); return;
            case "01": sb.Append(t.Month.ToString("D2", inv)); return;
            case "1": sb.Append(t.Month.ToString(inv)); return;
            case "02": sb.Append(t.Day.ToString("D2", inv)); return;
            case "_2": sb.Append(t.Day.ToString(inv).PadLeft(2)); return;
            case "2": sb.Append(t.Day.ToString(inv)); return;
            case "002": sb.Append(t.DayOfYear.ToString("D3", inv)); return;
            case "__2": sb.Append(t.DayOfYear.ToString(inv).PadLeft(3)); return;
            case "15": sb.Append(t.Hour.ToString("D2", inv)); return;
            case "03": sb.Append(hour12.ToString("D2", inv)); return;
            case "3": sb.Append(hour12.ToString(inv)); return;
            case "04": sb.Append(t.Minute.ToString("D2", inv)); return;
            case "4": sb.Append(t.Minute.ToString(inv)); return;
            case "05": sb.Append(t.Second.ToString("D2", inv)); return;
            case "5": sb.Append(t.Second.ToString(inv)); return;
            case "PM": sb.Append(t.Hour >= 12 ? "PM" : "AM"); return;
            case "pm": sb.Append(t.Hour >= 12 ? "pm" : "am"); return;
            case "MST":
                sb.Append(zone.Length > 0 ? zone : Offset(t.Offset, "-0700"));
                return;
        }
        if (token[0] is '.' or ',')
        {
            long nanos = (t.Ticks % TimeSpan.TicksPerSecond * 100) + subTickNanos;
            string digits = nanos.ToString("D9", inv)[..Math.Min(token.Length - 1, 9)];
            if (token[1] == '9')
            {
                digits = digits.TrimEnd('0');
                if (digits.Length == 0)
                {
                    return;
                }
            }
            sb.Append(token[0]).Append(digits);
            return;
        }
        if (token[0] == 'Z' && t.Offset == TimeSpan.Zero)
        {
            sb.Append('Z');
            return;
        }
        sb.Append(Offset(t.Offset, token[0] == 'Z' ? "-" + token[1..] : token));
    }

    private static string Offset(TimeSpan offset, string form)
    {
        char sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        string hh = abs.Hours.ToString("D2", CultureInfo.InvariantCulture);
        string mm = abs.Minutes.ToString("D2", CultureInfo.InvariantCulture);
        string ss = abs.Seconds.ToString("D2", CultureInfo.InvariantCulture);
        return form switch
        {
            "-07" => sign + hh,
            "-07:00" => sign + hh + ":" + mm,
            "-07:00:00" => sign + hh + ":" + mm + ":" + ss,
            "-070000" => sign + hh + mm + ss,
            _ => sign + hh + mm,
        };
    }
}
