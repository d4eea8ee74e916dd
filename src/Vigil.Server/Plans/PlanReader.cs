using Vigil.Server.Config;

namespace Vigil.Server.Plans;

/// <summary>
/// Reads a plan from YAML: a plan file, the body of <c>POST /api/v1/plans</c>, or one entry of
/// <c>plans.definitions</c>. Every error is a <see cref="ConfigException"/> naming the source, line and key.
/// </summary>
public static class PlanReader
{
    /// <summary>Reads one plan document. <paramref name="source"/> names it in errors (a file path, <c>request</c>).</summary>
    public static PlanDefinition Read(string yaml, string source) =>
        throw new ConfigException(source, 1, "", "plans are not readable yet (the reader is being written on branch i9-plandef)");
}
