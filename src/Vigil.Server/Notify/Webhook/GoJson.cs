using System.Globalization;
using System.Text;

namespace Vigil.Server.Notify.Webhook;

/// <summary>
/// JSON text exactly as Go's encoding/json writes it (Alertmanager 0.25, built with Go 1.19): HTML-safe
/// escaping of &lt; &gt; &amp;, U+2028/U+2029 escaped, other control characters as <c>\u00xx</c> with lowercase hex,
/// and times as RFC 3339 with nanoseconds and trailing zeros trimmed.
/// </summary>
internal static class GoJson
{
    private const string Hex = "0123456789abcdef";

    public static void String(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    sb.Append("\\u").Append(Hex[c >> 12]).Append(Hex[(c >> 8) & 0xF]).Append(Hex[(c >> 4) & 0xF]).Append(Hex[c & 0xF]);
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        sb.Append(c).Append(s[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        sb.Append("\\ufffd"); // Go replaces invalid UTF-8 with U+FFFD
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>Go's time.Time JSON form (RFC3339Nano): <c>2024-01-02T03:04:05.123456789Z</c>, offset kept.</summary>
    public static string Time(DateTimeOffset t)
    {
        var sb = new StringBuilder(35);
        sb.Append(t.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture));
        var fraction = t.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            sb.Append('.').Append(fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }
        if (t.Offset == TimeSpan.Zero)
        {
            sb.Append('Z');
        }
        else
        {
            var offset = t.Offset;
            sb.Append(offset < TimeSpan.Zero ? '-' : '+');
            offset = offset.Duration();
            sb.Append(offset.Hours.ToString("00", CultureInfo.InvariantCulture)).Append(':')
              .Append(offset.Minutes.ToString("00", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Go's regexp.QuoteMeta, which Alertmanager 0.25 applies to the receiver name in template data.</summary>
    public static string QuoteMeta(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is '\\' or '.' or '+' or '*' or '?' or '(' or ')' or '|' or '[' or ']' or '{' or '}' or '^' or '$')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
