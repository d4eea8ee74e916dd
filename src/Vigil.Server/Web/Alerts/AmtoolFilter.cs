using System.Text;
using Vigil.Server.Labels;

namespace Vigil.Server.Web.Alerts;

/// <summary>
/// The alert list's filter box in amtool's syntax: matchers separated by spaces or commas, optionally in braces
/// (<c>alertname="X" severity=~"crit.*"</c>, <c>{alertname="X",env="prod"}</c>). Each matcher is read by the
/// API's own <see cref="MatcherParser"/>, so the box accepts exactly what <c>?filter=</c> does on <c>/api/v2/alerts</c>.
/// </summary>
public static class AmtoolFilter
{
    /// <summary>The matchers, or the parser's message naming the matcher that is wrong.</summary>
    public static (IReadOnlyList<Matcher> Matchers, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ([], null);
        }
        var matchers = new List<Matcher>();
        try
        {
            foreach (var part in Split(text.Trim()))
            {
                matchers.AddRange(MatcherParser.ParseList(part));
            }
        }
        catch (FormatException e)
        {
            return ([], e.Message);
        }
        return (matchers, null);
    }

    /// <summary>The text that reads back as these matchers (space-separated, values quoted).</summary>
    public static string Format(IEnumerable<Matcher> matchers) => string.Join(' ', matchers.Select(m => m.ToString()));

    /// <summary>
    /// Splits at spaces outside quotes that separate two matchers (a space inside <c>name = "v"</c> does not),
    /// keeping braces and commas for <see cref="MatcherParser.ParseList(string)"/>.
    /// </summary>
    internal static List<string> Split(string text)
    {
        if (text.StartsWith('{'))
        {
            return [text];
        }
        var parts = new List<string>();
        var current = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes && c == '\\' && i + 1 < text.Length)
            {
                current.Append(c).Append(text[++i]);
                continue;
            }
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            if (!inQuotes && char.IsWhiteSpace(c) && IsComplete(current) && StartsMatcher(text, i))
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.ToString().Trim().Length > 0)
        {
            parts.Add(current.ToString());
        }
        return parts;
    }

    /// <summary>Holds an operator followed by a value (so a following space ends it).</summary>
    private static bool IsComplete(StringBuilder current)
    {
        var s = current.ToString().Trim();
        var op = s.IndexOfAny(['=', '~']);
        if (op < 0)
        {
            return false;
        }
        var value = s[(op + 1)..].TrimStart('~').Trim();
        return value.Length > 0 && !s.EndsWith(',');
    }

    /// <summary>Whether the next non-space character after <paramref name="at"/> can begin a label name.</summary>
    private static bool StartsMatcher(string text, int at)
    {
        for (var i = at; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return char.IsAsciiLetter(text[i]) || text[i] == '_';
            }
        }
        return false;
    }
}
