using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Vigil.Server.Labels;

namespace Vigil.Server.Templates;

/// <summary>Go regexps for match and reReplaceAll (RE2 syntax, unanchored), compiled once per pattern, and Go's $-expansion.</summary>
internal static class TemplateRegex
{
    private const int MaxCached = 1024;
    private static readonly ConcurrentDictionary<string, (Regex Regex, List<string?> Groups)> Cache = new(StringComparer.Ordinal);

    public static Regex Get(string pattern, bool panics) => Compile(pattern, panics).Regex;

    private static (Regex Regex, List<string?> Groups) Compile(string pattern, bool panics)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }
        (Regex, List<string?>) compiled;
        try
        {
            var groups = new List<string?>();
            var regex = new Regex(Re2Parser.Translate(pattern, groups), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, Re2Syntax.MatchTimeout);
            compiled = (regex, groups);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException)
        {
            string message = e.Message.StartsWith("error parsing regexp", StringComparison.Ordinal) ? e.Message : "error parsing regexp: " + e.Message;
            string quoted = pattern.Contains('`', StringComparison.Ordinal) || pattern.Any(char.IsControl) ? GoQuote.Quote(pattern) : "`" + pattern + "`";
            throw new TemplateRuntimeException(panics ? "regexp: Compile(" + quoted + "): " + message : message);
        }
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(pattern, compiled);
        }
        return compiled;
    }

    /// <summary>regexp.ReplaceAllString: <c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>${name}</c>, <c>$$</c>; unknown groups expand to "".</summary>
    public static string ReplaceAll(string pattern, string replacement, string text)
    {
        var (regex, groups) = Compile(pattern, panics: true);
        return regex.Replace(text, m => Expand(groups, m, replacement));
    }

    private static string Expand(List<string?> groups, Match match, string template)
    {
        var sb = new StringBuilder();
        int i = 0;
        while (i < template.Length)
        {
            int dollar = template.IndexOf('$', i);
            if (dollar < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            sb.Append(template, i, dollar - i);
            i = dollar + 1;
            if (i < template.Length && template[i] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }
            string? name = null;
            if (i < template.Length && template[i] == '{')
            {
                int close = template.IndexOf('}', i);
                if (close > i + 1 && template[(i + 1)..close].All(c => c == '_' || char.IsLetterOrDigit(c)))
                {
                    name = template[(i + 1)..close];
                    i = close + 1;
                }
            }
            else
            {
                int end = i;
                while (end < template.Length && (template[end] == '_' || char.IsLetterOrDigit(template[end])))
                {
                    end++;
                }
                if (end > i)
                {
                    name = template[i..end];
                    i = end;
                }
            }
            if (name is null)
            {
                sb.Append('$');
                continue;
            }
            sb.Append(GroupValue(groups, match, name));
        }
        return sb.ToString();
    }

    /// <summary>Go's numbering: groups count from 1 in the order they open; a name refers to the first group so named.</summary>
    private static string GroupValue(List<string?> groups, Match match, string name)
    {
        if (int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number))
        {
            return number <= groups.Count && match.Groups[number].Success ? match.Groups[number].Value : "";
        }
        int index = groups.IndexOf(name);
        return index >= 0 && match.Groups[index + 1].Success ? match.Groups[index + 1].Value : "";
    }
}
