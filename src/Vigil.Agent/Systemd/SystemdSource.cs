using Vigil.Agent.Commands;
using Vigil.Contracts.Agents;

namespace Vigil.Agent.Systemd;

/// <summary>
/// Where the systemd facts come from: files of captured <c>systemctl</c> output when the config names them,
/// else <c>systemctl</c> itself, only when systemd runs this host (<c>/run/systemd/system</c>) and no
/// <c>--root</c> is given (a root is another machine's files; this machine's systemd says nothing about it).
/// </summary>
internal sealed class SystemdSource(HostFiles files, string? failedUnitsFile, string? stateFile)
{
    private static readonly string[] SystemctlPaths = ["/usr/bin/systemctl", "/bin/systemctl"];

    public async Task<IReadOnlyList<CheckResult>> CheckAsync(CancellationToken ct)
    {
        if (failedUnitsFile is not null || stateFile is not null)
        {
            var failed = failedUnitsFile is null ? "" : await File.ReadAllTextAsync(failedUnitsFile, ct).ConfigureAwait(false);
            var state = stateFile is null ? "running" : await File.ReadAllTextAsync(stateFile, ct).ConfigureAwait(false);
            return SystemdRules.Check(SystemdOutput.FailedUnits(failed), SystemdOutput.SystemState(state));
        }
        var systemctl = SystemctlPaths.FirstOrDefault(File.Exists);
        if (files.Root is not null || systemctl is null || !Directory.Exists("/run/systemd/system"))
        {
            return [];
        }
        var timeout = TimeSpan.FromSeconds(10);
        var units = await CommandRunner.RunAsync([systemctl, "list-units", "--state=failed", "--plain", "--no-legend", "--no-pager"], timeout, ct).ConfigureAwait(false);
        var running = await CommandRunner.RunAsync([systemctl, "is-system-running"], timeout, ct).ConfigureAwait(false);
        return SystemdRules.Check(SystemdOutput.FailedUnits(units.Output), SystemdOutput.SystemState(running.Output));
    }
}
