using Vigil.Drill.Report;
using Vigil.Drill.Scenarios;
using Vigil.Server.Config;

namespace Vigil.Drill.Run;

/// <summary>
/// Loads a scenario (a file, or <c>builtin:NAME</c> compiled in), picks its mode, runs it, and renders the report.
/// </summary>
internal static class DrillRunner
{
    public const string BuiltinPrefix = "builtin:";

    /// <summary>The scenarios compiled into Vigil, by name.</summary>
    public static IReadOnlyList<string> Builtins =>
        [.. typeof(DrillRunner).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("drill/", StringComparison.Ordinal))
            .Select(n => n["drill/".Length..^".yaml".Length]).Order(StringComparer.Ordinal)];

    /// <exception cref="ConfigException">The scenario cannot be read or is not valid.</exception>
    public static Scenario Load(string source)
    {
        if (!source.StartsWith(BuiltinPrefix, StringComparison.Ordinal))
        {
            return ScenarioReader.ReadFile(source);
        }
        var name = source[BuiltinPrefix.Length..];
        using var stream = typeof(DrillRunner).Assembly.GetManifestResourceStream($"drill/{name}.yaml")
            ?? throw new ConfigException(source, 0, "", $"no built-in scenario named \"{name}\" (built in: {string.Join(", ", Builtins)})");
        using var reader = new StreamReader(stream);
        return ScenarioReader.Read(reader.ReadToEnd(), source);
    }

    public static DrillResult Run(Scenario scenario, string? mode, int? seed, string? breakOnPurpose = null)
    {
        var chosen = scenario.WithMode(mode);
        var world = new DrillWorld(chosen, seed ?? chosen.Seed) { BreakOnPurpose = breakOnPurpose };
        return world.Run();
    }

    public static string Render(DrillResult result, string format) =>
        format == "json" ? DrillJson.Render(result) : DrillMarkdown.Render(result);
}
