using YamlDotNet.RepresentationModel;

namespace Vigil.Server.Config;

/// <summary>
/// A mapping whose keys were checked against the ones Vigil reads. Rejecting unknown keys (as
/// Alertmanager's UnmarshalStrict does) catches typos that would otherwise silently change routing.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlCursor _owner;
    private readonly Dictionary<string, YamlCursor> _values = new(StringComparer.Ordinal);

    public YamlMap(YamlCursor owner, IReadOnlySet<string> known, IReadOnlySet<string> unsupported)
    {
        _owner = owner;
        if (owner.IsNull)
        {
            return;
        }
        if (owner.Node is not YamlMappingNode mapping)
        {
            throw owner.Error("expected a mapping");
        }
        foreach (var (keyNode, valueNode) in YamlMerge.Children(mapping))
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new ConfigException(owner.File, (int)keyNode.Start.Line, owner.Path, "mapping keys must be strings");
            }
            var value = owner.Child(key, valueNode);
            if (known.Contains(key))
            {
                _values[key] = value;
                continue;
            }
            var isUnsupported = unsupported.Contains(key);
            // An empty Alertmanager section (email_configs: []) configures nothing, so it is harmless.
            if (isUnsupported && IsEmpty(valueNode))
            {
                continue;
            }
            throw new ConfigException(owner.File, (int)keyNode.Start.Line, value.Path,
                isUnsupported ? "not supported by Vigil yet" : "unknown key");
        }
    }

    public YamlCursor Owner => _owner;

    /// <summary>The value, or null when the key is absent or set to YAML null.</summary>
    public YamlCursor? Get(string key) =>
        _values.TryGetValue(key, out var value) && !value.IsNull ? value : null;

    /// <summary>Whether the key is written, even as YAML null (Go's yaml.v2 then sets the field to its zero value, overriding a default).</summary>
    public bool Has(string key) => _values.ContainsKey(key);

    public YamlCursor Required(string key) =>
        Get(key) ?? throw new ConfigException(_owner.File, _owner.Line, Child(key), "missing required key");

    public string Child(string key) => _owner.Path.Length == 0 ? key : _owner.Path + "." + key;

    private static bool IsEmpty(YamlNode node) => node switch
    {
        YamlSequenceNode s => s.Children.Count == 0,
        YamlMappingNode m => m.Children.Count == 0,
        YamlScalarNode sc => string.IsNullOrEmpty(sc.Value) || sc.Value is "~" or "null",
        _ => false,
    };
}
