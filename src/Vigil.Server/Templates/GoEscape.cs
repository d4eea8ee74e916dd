using System.Globalization;
using System.Text;

namespace Vigil.Server.Templates;

/// <summary>Go's template.HTMLEscapeString, JSEscapeString and url.QueryEscape / QueryUnescape.</summary>
internal static class GoEscape
{
    public static string Html(string s)
    {
        if (s.AsSpan().IndexOfAny("<>&'\"\0") < 0)
        {
            return s;
        }
        var sb = new StringBuilder(s.Length + 16);
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '"' => "&#34;",
                '\'' => "&#39;",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\0' => "\uFFFD",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    public static string JavaScript(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        foreach (var rune in s.EnumerateRunes())
        {
            int r = rune.Value;
            switch (r)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\'': sb.Append(@"\'"); break;
                case '"': sb.Append("\\\""); break;
                case '<': sb.Append(@"\u003C"); break;
                case '>': sb.Append(@"\u003E"); break;
                case '&': sb.Append(@"\u0026"); break;
                case '=': sb.Append(@"\u003D"); break;
                default:
                    var cat = Rune.GetUnicodeCategory(rune);
                    bool printable = r == ' ' || cat is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
                        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator or UnicodeCategory.PrivateUse);
                    if (printable)
                    {
                        sb.Append(rune.ToString());
                    }
                    else
                    {
                        sb.Append("\\u").Append(r.ToString("X4", CultureInfo.InvariantCulture));
                    }
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>url.QueryEscape: spaces become '+', everything but unreserved characters is %XX-escaped.</summary>
    public static string QueryEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                sb.Append((char)b);
            }
            else if (b == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    /// <summary>url.QueryUnescape, with Go's error for a malformed escape.</summary>
    public static string QueryUnescape(string s)
    {
        var bytes = new List<byte>(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                {
                    string bad = s.Substring(i, Math.Min(3, s.Length - i));
                    throw new TemplateRuntimeException("invalid URL escape " + GoQuote.Quote(bad));
                }
                bytes.Add(byte.Parse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
