using System.Text;

namespace Vigil.Server.Notify.Integrations;

/// <summary>Go's net/url as Alertmanager's integrations use it: a path appended to a copied URL, url.Values encoding.</summary>
internal static class GoUrl
{
    /// <summary>Go's url.QueryEscape: unreserved characters kept, space as "+", everything else %XX.</summary>
    public static string QueryEscape(string s) => Uri.EscapeDataString(s).Replace("%20", "+", StringComparison.Ordinal);

    /// <summary>Go's url.QueryEscape of raw bytes (a value cut in the middle of a character is sent as those bytes, as Go does).</summary>
    public static string QueryEscape(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~'))
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    /// <summary>Go's PathEscape-like escaping of a path segment Alertmanager adds to url.Path (a key, a routing key).</summary>
    public static string PathEscape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '$' or '&' or '+' or ',' or '/' or ':' or ';' or '=' or '@')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    /// <summary>Go's url.Values.Encode: sorted by key (values of one key in order), each part query-escaped.</summary>
    public static string Encode(IEnumerable<(string Key, string Value)> values) =>
        string.Join("&", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => QueryEscape(v.Key) + "=" + QueryEscape(v.Value)));

    /// <summary>
    /// <paramref name="url"/> with <paramref name="escapedSuffix"/> appended to its path; its query is kept, or, when
    /// <paramref name="set"/> is given, parsed, the keys set and re-encoded as Go's Query()/Set/Encode do.
    /// </summary>
    public static Uri Append(Uri url, string escapedSuffix, IReadOnlyList<(string Key, string Value)>? set = null)
    {
        var query = url.Query;
        if (set is not null)
        {
            var values = Parse(url.Query).Where(p => !set.Any(s => s.Key == p.Key)).Concat(set);
            query = "?" + Encode(values);
        }
        return new Uri(url.GetLeftPart(UriPartial.Path) + escapedSuffix + query);
    }

    private static IEnumerable<(string Key, string Value)> Parse(string query)
    {
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            yield return (Uri.UnescapeDataString(key.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' ')));
        }
    }
}
