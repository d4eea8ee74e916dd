using System.Text;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Web.Alerts;

/// <summary>
/// The matchers a silence of the selected alerts starts from: an equal matcher for each label all of them share
/// with one value, and for the labels whose values differ, a regex of exactly those values — only the first such
/// label that tells every selected alert apart when there is one (so the silence does not also cover the cross
/// product of several differing labels), else every differing label. The preview shows what it really matches.
/// </summary>
public static class SilenceDraft
{
    public static IReadOnlyList<Matcher> Cover(IReadOnlyList<Alert> selected)
    {
        if (selected.Count == 0)
        {
            return [];
        }
        var shared = selected[0].Labels.Select(l => l.Key)
            .Where(name => selected.All(a => a.Labels.Get(name) is not null))
            .ToList();
        var equal = new List<Matcher>();
        var differing = new List<(string Name, List<string> Values)>();
        foreach (var name in shared)
        {
            var values = selected.Select(a => a.Labels.Get(name)!).Distinct(StringComparer.Ordinal).ToList();
            if (values.Count == 1)
            {
                equal.Add(Matcher.Equal(name, values[0]));
            }
            else
            {
                values.Sort(StringComparer.Ordinal);
                differing.Add((name, values));
            }
        }
        var key = differing.FirstOrDefault(d => d.Values.Count == selected.Count);
        var regexes = key.Name is not null ? [key] : differing;
        return [.. equal, .. regexes.Select(d => Matcher.Create(d.Name, Labels.MatchType.Regex, string.Join('|', d.Values.Select(Escape))))];
    }

    /// <summary>RE2's quoting of a literal (regexp.QuoteMeta): every punctuation character RE2 treats specially gets a backslash.</summary>
    public static string Escape(string literal)
    {
        var sb = new StringBuilder(literal.Length + 8);
        foreach (var c in literal)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
