using Vigil.Contracts.Agents;

namespace Vigil.Agent.Systemd;

/// <summary>
/// The systemd check: one failing result per failed unit, and the system state. <c>running</c> passes;
/// <c>starting</c>/<c>initializing</c> pass as "boot in progress" (the units that fail will show as failed);
/// anything else (<c>degraded</c>, <c>maintenance</c>, <c>stopping</c>, <c>offline</c>) fails.
/// </summary>
internal static class SystemdRules
{
    public static IReadOnlyList<CheckResult> Check(IReadOnlyList<string> failedUnits, string state)
    {
        var results = new List<CheckResult>
        {
            new(CheckKinds.Systemd, new Dictionary<string, string> { ["unit"] = "system" },
                state is "running" or "starting" or "initializing",
                $"is-system-running: {state}"),
        };
        results.AddRange(failedUnits.Select(u =>
            new CheckResult(CheckKinds.Systemd, new Dictionary<string, string> { ["unit"] = u }, false, $"unit {u} failed")));
        return results;
    }
}
