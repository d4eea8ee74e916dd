using Vigil.Contracts.Agents;

namespace Vigil.Agent.Commands;

/// <summary>The command checks: each configured command run once per report; exit 0 passes.</summary>
internal static class CommandChecks
{
    public static async Task<IReadOnlyList<CheckResult>> RunAsync(IReadOnlyList<CommandSpec> specs, CancellationToken ct)
    {
        var runs = specs.Select(async s => (Spec: s, Outcome: await CommandRunner.RunAsync(s.Argv, s.Timeout, ct).ConfigureAwait(false)));
        var results = new List<CheckResult>();
        foreach (var (spec, outcome) in await Task.WhenAll(runs).ConfigureAwait(false))
        {
            var tail = outcome.Output.Trim() is { Length: > 0 } o ? ": " + Last(o, 200) : "";
            var message = outcome.Error ?? $"exit code {outcome.ExitCode}{tail}";
            results.Add(new CheckResult(CheckKinds.Command, new Dictionary<string, string> { ["command"] = spec.Name }, outcome.ExitCode == 0, message));
        }
        return results;
    }

    private static string Last(string text, int max) => text.Length <= max ? text : "…" + text[^max..];
}
