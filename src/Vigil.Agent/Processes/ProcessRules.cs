using Vigil.Contracts.Agents;

namespace Vigil.Agent.Processes;

/// <summary>The process check: how many running processes match each spec, against its bounds.</summary>
internal static class ProcessRules
{
    public static IReadOnlyList<CheckResult> Check(IReadOnlyList<ProcessInfo> running, IReadOnlyList<ProcessSpec> specs) =>
        [.. specs.Select(spec =>
        {
            var count = running.Count(spec.Matches);
            var passed = count >= spec.Min && (spec.Max is null || count <= spec.Max);
            var bounds = spec.Max is { } max ? $"{spec.Min}..{max}" : $">= {spec.Min}";
            return new CheckResult(CheckKinds.Process, new Dictionary<string, string> { ["process"] = spec.Name }, passed,
                $"{count} running, expected {bounds}");
        })];
}
