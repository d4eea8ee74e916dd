using Vigil.Server.Config;

namespace Vigil.Server.Plans;

/// <summary>Collects the line of every key a plan's reader visits, by its path relative to the plan (<see cref="PlanDefinition.Lines"/>).</summary>
internal sealed class PlanLines(string planPath)
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="node"/>'s line and returns it, so reading and marking are one expression.</summary>
    public YamlCursor Mark(YamlCursor node)
    {
        _lines.TryAdd(Relative(node.Path), node.Line);
        return node;
    }

    public IReadOnlyDictionary<string, int> ToDictionary() => _lines;

    private string Relative(string path) =>
        planPath.Length == 0 ? path : path.Length <= planPath.Length ? "" : path[planPath.Length..].TrimStart('.');
}
