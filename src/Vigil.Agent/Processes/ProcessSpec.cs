using System.Text.RegularExpressions;

namespace Vigil.Agent.Processes;

/// <summary>
/// An expected process count from the agent's config: processes whose comm equals <see cref="Comm"/> and/or
/// whose command line matches <see cref="CommandLine"/>, at least <see cref="Min"/> (default 1) and at most <see cref="Max"/>.
/// </summary>
internal sealed record ProcessSpec(string Name, string? Comm, Regex? CommandLine, int Min, int? Max)
{
    public bool Matches(ProcessInfo p) =>
        (Comm is null || string.Equals(p.Comm, Comm, StringComparison.Ordinal))
        && (CommandLine is null || CommandLine.IsMatch(p.CommandLine));
}
