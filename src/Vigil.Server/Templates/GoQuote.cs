using System.Globalization;
using System.Text;

namespace Vigil.Server.Templates;

/// <summary>Go's strconv.Quote / Unquote and the %#U rune form, as template errors and %q print them.</summary>
internal static class GoQuote
{
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        AppendQuoted(sb, s, '"');
        sb.Append('"');
        return sb.ToString();
    }

    public static void AppendQuoted(StringBuilder sb, string s, char quote)
    {
        foreach (var rune in s.EnumerateRunes())
        {
            int r = rune.Value;
            if (r == quote || r == '\\')
            {
                sb.Append('\\').Append((char)r);
                continue;
            }
            if (r == 0xFFFD && !s.Contains('\uFFFD', StringComparison.Ordinal))
            {
                sb.Append("\\ufffd");
                continue;
            }
            if (IsPrint(rune))
            {
                sb.Append(rune.ToString());
                continue;
            }
            switch (r)
            {
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (r < ' ' || r == 0x7f)
                    {
                        sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (r < 0x10000)
                    {
                        sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
                    }
                    break;
            }
        }
    }

    /// <summary>Go's %#U: <c>U+0023 '#'</c>.</summary>
    public static string RuneForm(int r)
    {
        string code = "U+" + r.ToString("X4", CultureInfo.InvariantCulture);
        return r >= 0 && Rune.IsValid(r) && IsPrint(new Rune(r)) ? code + " '" + new Rune(r) + "'" : code;
    }

    private static bool IsPrint(Rune r)
    {
        if (r.Value == ' ')
        {
            return true;
        }
        var cat = Rune.GetUnicodeCategory(r);
        return cat is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);
    }

    /// <summary>Go's strconv.Unquote for "…", `…` and '…' literals; null when malformed.</summary>
    public static string? Unquote(string literal)
    {
        if (literal.Length < 2)
        {
            return null;
        }
        char q = literal[0];
        if (literal[^1] != q)
        {
            return null;
        }
        string body = literal[1..^1];
        if (q == '`')
        {
            return body.Contains('`', StringComparison.Ordinal) ? null : body.Replace("\r", "", StringComparison.Ordinal);
        }
        if (q != '"' && q != '\'')
        {
            return null;
        }
        var sb = new StringBuilder(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c == q || c == '\n')
            {
                return null;
            }
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (++i >= body.Length)
            {
                return null;
            }
            char e = body[i];
            switch (e)
            {
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case '\'' or '"':
                    if (e != q)
                    {
                        return null;
                    }
                    sb.Append(e);
                    break;
                case 'x' or 'u' or 'U':
                    int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (body.Length - i - 1 < n
                        || !int.TryParse(body.AsSpan(i + 1, n), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int v))
                    {
                        return null;
                    }
                    i += n;
                    if (e == 'x')
                    {
                        sb.Append((char)v);
                    }
                    else if (Rune.IsValid(v))
                    {
                        sb.Append(new Rune(v).ToString());
                    }
                    else
                    {
                        return null;
                    }
                    break;
                case >= '0' and <= '7':
                    if (i + 2 >= body.Length)
                    {
                        return null;
                    }
                    sb.Append((char)Convert.ToInt32(body.Substring(i, 3), 8));
                    i += 2;
                    break;
                default:
                    return null;
            }
        }
        string result = sb.ToString();
        if (q == '\'' && result.EnumerateRunes().Count() != 1)
        {
            return null;
        }
        return result;
    }
}
