using System.Globalization;
using Vigil.Server.Labels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Server.Config;

/// <summary>
/// A YAML node together with its key path (<c>route.routes[0].group_wait</c>) and source name, so every
/// reader can throw a <see cref="ConfigException"/> that points at the offending line.
/// </summary>
internal sealed class YamlCursor
{
    private YamlCursor(string file, string path, YamlNode node)
    {
        File = file;
        Path = path;
        Node = node;
    }

    public string File { get; }

    public string Path { get; }

    public YamlNode Node { get; }

    public int Line => (int)Node.Start.Line;

    /// <summary>An explicit or implied YAML null (<c>key:</c> with nothing after it), which Alertmanager treats as absent.</summary>
    public bool IsNull => Node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static YamlCursor Root(string file, YamlNode node) => new(file, "", node);

    public ConfigException Error(string reason) => new(File, Line, Path, reason);

    public ConfigException Error(string reason, Exception inner) => new(File, Line, Path, reason, inner);

    public YamlCursor Child(string key, YamlNode node) => new(File, Path.Length == 0 ? key : Path + "." + key, node);

    /// <summary>A struct-like mapping: keys outside <paramref name="known"/> are rejected, with a kinder
    /// message for Alertmanager keys listed in <paramref name="unsupported"/>.</summary>
    public YamlMap Map(IReadOnlySet<string> known, IReadOnlySet<string>? unsupported = null) =>
        new(this, known, unsupported ?? EmptySet);

    /// <summary>A free-form mapping (<c>match:</c>), in document order.</summary>
    public IReadOnlyList<(string Key, YamlCursor Value)> Entries()
    {
        if (IsNull)
        {
            return [];
        }
        if (Node is not YamlMappingNode mapping)
        {
            throw Error("expected a mapping");
        }
        var result = new List<(string, YamlCursor)>();
        foreach (var (k, v) in YamlMerge.Children(mapping))
        {
            if (k is not YamlScalarNode { Value: { } name })
            {
                throw new ConfigException(File, (int)k.Start.Line, Path, "mapping keys must be strings");
            }
            result.Add((name, Child(name, v)));
        }
        return result;
    }

    public IReadOnlyList<YamlCursor> Items()
    {
        if (IsNull)
        {
            return [];
        }
        if (Node is not YamlSequenceNode sequence)
        {
            throw Error("expected a list");
        }
        var result = new List<YamlCursor>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            result.Add(new YamlCursor(File, $"{Path}[{i}]", sequence.Children[i]));
        }
        return result;
    }

    public string Text()
    {
        if (IsNull)
        {
            return "";
        }
        return Node is YamlScalarNode scalar ? scalar.Value ?? "" : throw Error("expected a string");
    }

    public IReadOnlyList<string> Strings() => [.. Items().Select(i => i.Text())];

    public bool Bool() => Text() switch
    {
        // YAML 1.1's booleans, as Go's yaml.v2 (Alertmanager's parser) reads them: send_resolved: yes.
        "true" or "True" or "TRUE" or "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" => true,
        "false" or "False" or "FALSE" or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" => false,
        var other => throw Error($"not a valid boolean: {GoQuote.Quote(other)}"),
    };

    public long Int()
    {
        var text = Text();
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error($"not a valid integer: {GoQuote.Quote(text)}");
    }

    public TimeSpan Duration()
    {
        var text = Text();
        return PromDuration.TryParse(text, out var value)
            ? value
            : throw Error($"not a valid duration string: {GoQuote.Quote(text)}");
    }

    /// <summary>An absolute http(s) URL with a host, as Alertmanager's config.URL demands.</summary>
    public Uri HttpUrl()
    {
        var text = Text();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || text.StartsWith('/'))
        {
            throw Error($"not an absolute http or https URL: {GoQuote.Quote(text)}");
        }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw Error($"unsupported scheme {GoQuote.Quote(uri.Scheme)} for URL");
        }
        if (uri.Host.Length == 0)
        {
            throw Error("missing host for URL");
        }
        return uri;
    }

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();
}
