using YamlDotNet.RepresentationModel;

namespace Vigil.Server.Config;

/// <summary>
/// YAML merge keys (<c>&lt;&lt;: *defaults</c> or <c>&lt;&lt;: [*a, *b]</c>), which Go's yaml.v2 and so Alertmanager accept: the
/// merged mappings' entries are added where the mapping does not set the key itself (its own keys win; of several merged
/// mappings the first wins). Aliases are already resolved to their anchored nodes by the parser.
/// </summary>
internal static class YamlMerge
{
    private const string MergeKey = "<<";

    public static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Children(YamlMappingNode mapping)
    {
        if (!mapping.Children.Keys.Any(IsMerge))
        {
            return mapping.Children;
        }
        var result = new List<KeyValuePair<YamlNode, YamlNode>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in mapping.Children.Where(p => !IsMerge(p.Key)))
        {
            result.Add(pair);
            if (pair.Key is YamlScalarNode { Value: { } key })
            {
                seen.Add(key);
            }
        }
        foreach (var pair in mapping.Children.Where(p => IsMerge(p.Key)))
        {
            var sources = pair.Value switch
            {
                YamlMappingNode one => [one],
                YamlSequenceNode many => many.Children.Select(n => n as YamlMappingNode ?? throw NotAMap(n)).ToList(),
                var other => throw NotAMap(other),
            };
            foreach (var source in sources)
            {
                foreach (var merged in Children(source))
                {
                    if (merged.Key is YamlScalarNode { Value: { } key } && seen.Add(key))
                    {
                        result.Add(merged);
                    }
                }
            }
        }
        return result;
    }

    private static bool IsMerge(YamlNode key) => key is YamlScalarNode { Value: MergeKey, Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) };

    private static ConfigException NotAMap(YamlNode node) =>
        new("", (int)node.Start.Line, "", "map merge requires map or sequence of maps as the value");
}
