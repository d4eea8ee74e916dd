using System.Text;

namespace Vigil.Server.Labels;

/// <summary>
/// Parses matcher lists the way Alertmanager and amtool write them:
/// <c>{alertname="Foo", env=~"prod|staging"}</c>, <c>alertname=Foo</c>, or a single matcher.
/// Values may be double-quoted (with Go escapes) or bare.
/// </summary>
public static class MatcherParser
{
    public static IReadOnlyList<Matcher> ParseList(string input) => ParseList(input, Matcher.Create);

    /// <summary>A list read back from storage: regexes stored by older versions load as they did (<see cref="Matcher.FromStore"/>).</summary>
    public static IReadOnlyList<Matcher> ParseStoredList(string input) => ParseList(input, Matcher.FromStore);

    private static IReadOnlyList<Matcher> ParseList(string input, Func<string, MatchType, string, Matcher> create)
    {
        var s = input.Trim();
        if (s.StartsWith('{'))
        {
            if (!s.EndsWith('}'))
            {
                throw new FormatException($"missing closing '}}' in {GoQuote.Quote(input)}");
            }
            s = s[1..^1];
        }
        var result = new List<Matcher>();
        foreach (var part in SplitTopLevel(s))
        {
            if (part.Trim().Length == 0)
            {
                continue;
            }
            result.Add(Parse(part, create));
        }
        return result;
    }

    public static Matcher Parse(string input) => Parse(input, Matcher.Create);

    private static Matcher Parse(string input, Func<string, MatchType, string, Matcher> create)
    {
        var s = input.Trim();
        var i = 0;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or ':'))
        {
            i++;
        }
        var name = s[..i];
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            throw new FormatException($"bad matcher format: {input.Trim()}");
        }
        var rest = s[i..].TrimStart();
        MatchType type;
        if (rest.StartsWith("=~", StringComparison.Ordinal)) { type = MatchType.Regex; rest = rest[2..]; }
        else if (rest.StartsWith("!~", StringComparison.Ordinal)) { type = MatchType.NotRegex; rest = rest[2..]; }
        else if (rest.StartsWith("!=", StringComparison.Ordinal)) { type = MatchType.NotEqual; rest = rest[2..]; }
        else if (rest.StartsWith('=')) { type = MatchType.Equal; rest = rest[1..]; }
        else
        {
            throw new FormatException($"bad matcher format: {input.Trim()}");
        }
        rest = rest.Trim();
        var value = rest.Length >= 2 && rest[0] == '"' && rest[^1] == '"' ? Unquote(rest, input) : rest;
        return create(name, type, value);
    }

    private static string Unquote(string quoted, string input)
    {
        var sb = new StringBuilder();
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var c = quoted[i];
            if (c == '"')
            {
                throw new FormatException($"unescaped quote in matcher: {input.Trim()}");
            }
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (++i >= quoted.Length - 1)
            {
                throw new FormatException($"dangling escape in matcher: {input.Trim()}");
            }
            sb.Append(quoted[i] switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '"' => '"',
                '\\' => '\\',
                var other => other,
            });
        }
        return sb.ToString();
    }

    private static IEnumerable<string> SplitTopLevel(string s)
    {
        var start = 0;
        var inQuotes = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\' && inQuotes)
            {
                i++;
                continue;
            }
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (c == ',' && !inQuotes)
            {
                yield return s[start..i];
                start = i + 1;
            }
        }
        if (inQuotes)
        {
            throw new FormatException($"unterminated quoted string in {GoQuote.Quote(s)}");
        }
        yield return s[start..];
    }
}
