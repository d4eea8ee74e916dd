using Vigil.Server.Labels;
using MatchType = Vigil.Server.Labels.MatchType;

namespace Vigil.Server.Config;

/// <summary>Reads the three ways Alertmanager spells matchers: <c>matchers</c> (strings),
/// and the legacy <c>match</c> / <c>match_re</c> maps, shared by routes and inhibit rules.</summary>
internal static class MatcherReader
{
    /// <summary>Each string may hold one matcher or a <c>{...}</c> list, as Alertmanager's labels.ParseMatchers.</summary>
    public static IReadOnlyList<Matcher> FromStrings(YamlCursor? list)
    {
        if (list is null)
        {
            return [];
        }
        var result = new List<Matcher>();
        foreach (var item in list.Items())
        {
            try
            {
                result.AddRange(MatcherParser.ParseList(item.Text()));
            }
            catch (FormatException e)
            {
                throw item.Error(e.Message, e);
            }
        }
        return result;
    }

    /// <summary><c>match</c> (<see cref="MatchType.Equal"/>) or <c>match_re</c> (<see cref="MatchType.Regex"/>).</summary>
    public static IReadOnlyList<Matcher> FromMap(YamlCursor? map, MatchType type)
    {
        if (map is null)
        {
            return [];
        }
        var result = new List<Matcher>();
        foreach (var (name, value) in map.Entries())
        {
            if (!LabelNames.IsValid(name))
            {
                throw value.Error($"invalid label name {GoQuote.Quote(name)}");
            }
            try
            {
                // Alertmanager 0.25 anchors a match_re value when it reads it (config.Regexp), and the matcher keeps the
                // anchored text: the route's group key shows service=~"^(?:foo|bar)$". Matching is the same either way.
                result.Add(Matcher.Create(name, type, type == MatchType.Regex ? "^(?:" + value.Text() + ")$" : value.Text()));
            }
            catch (FormatException e)
            {
                throw value.Error(e.Message, e);
            }
        }
        return result;
    }

    /// <summary>Label names for <c>group_by</c>-like lists; duplicates are rejected when asked.</summary>
    public static IReadOnlyList<string> LabelNameList(YamlCursor list, string what, bool rejectDuplicates)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var item in list.Items())
        {
            var name = item.Text();
            if (!LabelNames.IsValid(name))
            {
                throw item.Error($"invalid label name {GoQuote.Quote(name)} in {what} list");
            }
            if (!seen.Add(name) && rejectDuplicates)
            {
                throw item.Error($"duplicated label {GoQuote.Quote(name)} in {what}");
            }
            result.Add(name);
        }
        return result;
    }
}
