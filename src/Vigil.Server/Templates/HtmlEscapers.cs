using System.Text;

namespace Vigil.Server.Templates;

/// <summary>html/template's escaper functions: HTML text and attributes, unquoted attributes, URL filter/normalizer/escaper.</summary>
internal static class HtmlEscapers
{
    /// <summary>htmlEscaper / attrEscaper: <c>" &amp; ' + &lt; &gt;</c> and NUL; HTML-typed content in attributes loses its tags.</summary>
    public static string Attr(string s, bool stripTags)
    {
        if (stripTags)
        {
            return Replace(StripTags(s), normalize: true, noSpace: false);
        }
        return Replace(s, normalize: false, noSpace: false);
    }

    public static string NoSpace(string s) => Replace(s, normalize: false, noSpace: true);

    private static string Replace(string s, bool normalize, bool noSpace)
    {
        var sb = new StringBuilder(s.Length + 16);
        foreach (char c in s)
        {
            string? r = c switch
            {
                '\0' => "\uFFFD",
                '"' => "&#34;",
                '&' when !normalize => "&amp;",
                '\'' => "&#39;",
                '+' => "&#43;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\t' when noSpace => "&#9;",
                '\n' when noSpace => "&#10;",
                '\v' when noSpace => "&#11;",
                '\f' when noSpace => "&#12;",
                '\r' when noSpace => "&#13;",
                ' ' when noSpace => "&#32;",
                '=' when noSpace => "&#61;",
                '`' when noSpace => "&#96;",
                _ => null,
            };
            if (r is null)
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(r);
            }
        }
        return sb.ToString();
    }

    /// <summary>isSafeURL: a scheme, if any, must be http, https or mailto.</summary>
    public static bool IsSafeUrl(string s)
    {
        int colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return true;
        }
        string protocol = s[..colon];
        return protocol.Contains('/', StringComparison.Ordinal)
            || protocol.Equals("http", StringComparison.OrdinalIgnoreCase)
            || protocol.Equals("https", StringComparison.OrdinalIgnoreCase)
            || protocol.Equals("mailto", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>urlProcessor: the normalizer keeps reserved characters and '%'; the escaper escapes them; bytes as %xx (lower case).</summary>
    public static string Url(string s, bool normalize)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            char c = (char)b;
            bool keep = c switch
            {
                '!' or '#' or '$' or '&' or '*' or '+' or ',' or '/' or ':' or ';' or '=' or '?' or '@' or '[' or ']' => normalize,
                '-' or '.' or '_' or '~' => true,
                '%' => normalize,
                _ => char.IsAsciiLetterOrDigit(c),
            };
            if (keep)
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    /// <summary>stripTags: the text content of an HTML fragment (tags removed).</summary>
    public static string StripTags(string s)
    {
        var sb = new StringBuilder(s.Length);
        bool inTag = false;
        foreach (char c in s)
        {
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>' && inTag)
            {
                inTag = false;
            }
            else if (!inTag)
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
