namespace Vigil.Server.Config;

/// <summary>Small readers shared by the <c>*_configs</c> readers: Go's string fields with defaults, string maps, secrets.</summary>
internal static class IntegrationYaml
{
    /// <summary>The key's text, or <paramref name="fallback"/> (Alertmanager's default) when absent or null.</summary>
    public static string Text(YamlMap map, string key, string fallback = "") => map.Get(key)?.Text() ?? fallback;

    /// <summary>The key's text, or null when absent or empty (Go's zero value, which is how Alertmanager tests "is set").</summary>
    public static string? Optional(YamlMap map, string key) => map.Get(key)?.Text() is { Length: > 0 } v ? v : null;

    /// <summary>A <c>map[string]string</c>: any scalar value reads as its text, as yaml.v2 does.</summary>
    public static Dictionary<string, string> StringMap(YamlCursor? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }
        foreach (var (key, value) in node.Entries())
        {
            result[key] = value.Text();
        }
        return result;
    }

    /// <summary>Alertmanager's "at most one of a &amp; b must be configured" check.</summary>
    public static void AtMostOne(YamlCursor node, YamlMap map, string a, string b)
    {
        if (Optional(map, a) is not null && Optional(map, b) is not null)
        {
            throw node.Error($"at most one of {a} & {b} must be configured");
        }
    }
}
