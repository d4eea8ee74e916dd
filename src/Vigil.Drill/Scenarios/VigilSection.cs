using Vigil.Server.Config;
using YamlDotNet.RepresentationModel;

namespace Vigil.Drill.Scenarios;

/// <summary>
/// The scenario's <c>vigil:</c> section: Vigil's configuration with the keys of <c>vigil.yaml</c>, inline or as a path
/// to the team's real file (relative to the scenario's folder). Read by the server's own loader, so a drill runs the
/// configuration the server would; its errors keep the scenario's file and line.
/// </summary>
internal static class VigilSection
{
    private const string Minimal = "route:\n  receiver: none\nreceivers:\n  - name: none\n";

    public static VigilConfig Read(YamlCursor? node, string scenarioText, string? folder)
    {
        if (node is null)
        {
            return ConfigLoader.Load(Minimal, "built-in minimal configuration");
        }
        if (node.Node is YamlScalarNode)
        {
            var path = node.Text();
            var full = Path.IsPathRooted(path) || folder is null ? path : Path.Combine(folder, path);
            if (!File.Exists(full))
            {
                throw node.Error($"no such configuration file: {full}");
            }
            return ConfigLoader.LoadFile(full);
        }
        if (node.Node is not YamlMappingNode)
        {
            throw node.Error("expected Vigil's configuration (a mapping with route, receivers, people, …) or a path to a vigil.yaml");
        }
        var text = Dedent(scenarioText, node.Node);
        var firstLine = (int)node.Node.Start.Line;
        try
        {
            return ConfigLoader.Load(text, node.File);
        }
        catch (ConfigException e)
        {
            var key = e.Key.Length == 0 ? node.Path : $"{node.Path}.{e.Key}";
            throw new ConfigException(node.File, e.Line > 0 ? e.Line : firstLine, key, e.Reason, e);
        }
    }

    /// <summary>The mapping's own lines, as a document of their own (the first line's indentation taken off every line).
    /// Lines before the mapping's first key are kept blank, so the loader's line numbers are the scenario's.</summary>
    private static string Dedent(string text, YamlNode node)
    {
        var lines = text.Split('\n');
        var first = (int)node.Start.Line - 1;
        var last = Math.Min(lines.Length, LastLine(node));
        var indent = (int)node.Start.Column - 1;
        var body = lines[first..last].Select(l => l.Length >= indent && l[..indent].Trim().Length == 0 ? l[indent..] : l.TrimStart());
        return string.Join('\n', Enumerable.Repeat("", first).Concat(body));
    }

    /// <summary>The last line a node's content is on (1-based): a block collection's own end mark is not reliable, its
    /// scalars' are.</summary>
    private static int LastLine(YamlNode node) => node switch
    {
        YamlMappingNode m => m.Children.Select(c => Math.Max(LastLine(c.Key), LastLine(c.Value))).DefaultIfEmpty((int)m.End.Line).Max(),
        YamlSequenceNode q => q.Children.Select(LastLine).DefaultIfEmpty((int)q.End.Line).Max(),
        _ => (int)node.End.Line - (node.End.Column <= 1 && node.End.Line > node.Start.Line ? 1 : 0),
    };
}
