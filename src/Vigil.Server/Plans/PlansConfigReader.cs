using Vigil.Server.Config;

namespace Vigil.Server.Plans;

/// <summary>
/// Reads the <c>plans:</c> section: <c>escalation_policy</c> and <c>definitions</c>, a list of plans written as in a
/// plan file and read by the same <see cref="PlanReader"/>, so their errors carry vigil.yaml's lines.
/// </summary>
internal static class PlansConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "escalation_policy", "definitions" };

    public static PlansOptions Read(YamlCursor? node, string yamlText, IReadOnlySet<string> policyNames)
    {
        if (node is null)
        {
            return new PlansOptions();
        }
        var map = node.Map(Known);
        string? policy = null;
        if (map.Get("escalation_policy") is { } policyNode)
        {
            policy = policyNode.Text().Trim();
            if (!policyNames.Contains(policy))
            {
                throw policyNode.Error($"undefined escalation policy \"{policy}\" (see escalation_policies:)");
            }
        }
        var plans = new List<PlanDefinition>();
        foreach (var item in map.Get("definitions")?.Items() ?? [])
        {
            var plan = PlanReader.Read(item, Slice(yamlText, item));
            if (plans.Any(p => p.Name == plan.Name))
            {
                throw new ConfigException(item.File, plan.LineOf("name"), plan.KeyOf("name"), $"duplicate plan name \"{plan.Name}\"");
            }
            plans.Add(plan);
        }
        return new PlansOptions { EscalationPolicy = policy, Definitions = plans };
    }

    /// <summary>Refuses the first error <see cref="PlanValidator"/> finds in any plan of <paramref name="config"/>.</summary>
    public static void Validate(VigilConfig config)
    {
        foreach (var plan in config.Plans.Definitions)
        {
            if (PlanValidator.Check(plan, config).Errors is [var first, ..])
            {
                throw new ConfigException(first.Source, first.Line, first.Key, first.Reason);
            }
        }
    }

    /// <summary>
    /// The plan's own text out of vigil.yaml, un-indented, so a config plan shows the YAML it was written as: its first
    /// line from the plan's column, then every line indented at least as far (or blank) up to the next entry.
    /// </summary>
    private static string Slice(string text, YamlCursor item)
    {
        var lines = text.Split('\n');
        var first = item.Line - 1;
        var indent = (int)item.Node.Start.Column - 1;
        if (first < 0 || first >= lines.Length || indent > lines[first].Length)
        {
            return "";
        }
        var taken = new List<string> { lines[first][indent..].TrimEnd('\r') };
        for (var i = first + 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var spaces = line.Length - line.TrimStart(' ').Length;
            if (line.Trim().Length > 0 && spaces < indent)
            {
                break;
            }
            taken.Add(line[Math.Min(spaces, indent)..]);
        }
        return string.Join('\n', taken).TrimEnd() + "\n";
    }
}
