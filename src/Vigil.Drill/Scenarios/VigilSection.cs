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
            throw new ConfigException(node.File, e.Line > 0 ? e.Line + firstLine - 1 : firstLine, key, e.Reason, e);
        }
    }

    /// <summary>The mapping's own lines, as a document of their own (the first line's indentation taken off every line).</summary>
    private static string Dedent(string text, YamlNode node)
    {
        var start = (int)node.Start.Index;
        var end = (int)node.End.Index;
        var indent = (int)node.Start.Column - 1;
        var lines = (new string(' ', indent) + text[start..end]).Split('\n');
        return string.Join('\n', lines.Select(l => l.Length >= indent && l[..indent].Trim().Length == 0 ? l[indent..] : l.TrimStart()));
    }
}
