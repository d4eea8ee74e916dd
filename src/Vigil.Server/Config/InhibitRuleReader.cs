using Vigil.Server.Labels;
using MatchType = Vigil.Server.Labels.MatchType;

namespace Vigil.Server.Config;

/// <summary>Reads <c>inhibit_rules[]</c>; each side merges the legacy <c>*_match</c>/<c>*_match_re</c>
/// maps with the <c>*_matchers</c> strings, as Alertmanager's inhibit.NewInhibitRule does.</summary>
internal static class InhibitRuleReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "source_matchers", "target_matchers", "source_match", "source_match_re", "target_match",
        "target_match_re", "equal",
    };

    public static IReadOnlyList<InhibitRuleConfig> Read(YamlCursor? list)
    {
        var result = new List<InhibitRuleConfig>();
        foreach (var item in list?.Items() ?? [])
        {
            var map = item.Map(Known);
            var equal = map.Get("equal") is { } e ? MatcherReader.LabelNameList(e, "equal", rejectDuplicates: false) : [];
            result.Add(new InhibitRuleConfig(Side(map, "source"), Side(map, "target"), equal));
        }
        return result;
    }

    private static List<Matcher> Side(YamlMap map, string side) =>
    [
        .. MatcherReader.FromMap(map.Get(side + "_match"), MatchType.Equal),
        .. MatcherReader.FromMap(map.Get(side + "_match_re"), MatchType.Regex),
        .. MatcherReader.FromStrings(map.Get(side + "_matchers")),
    ];
}
