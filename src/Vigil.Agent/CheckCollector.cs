using Vigil.Agent.Boot;
using Vigil.Agent.Commands;
using Vigil.Agent.Config;
using Vigil.Agent.Disk;
using Vigil.Agent.Mounts;
using Vigil.Agent.Network;
using Vigil.Agent.Processes;
using Vigil.Agent.Systemd;
using Vigil.Contracts.Agents;

namespace Vigil.Agent;

/// <summary>The thin shell around the pure rules: reads the host's files (under the root), runs what the config names, builds a report.</summary>
internal sealed class CheckCollector(AgentConfig config, HostFiles files, string host)
{
    private readonly SystemdSource _systemd = new(files, config.SystemdFailedUnitsFile, config.SystemdStateFile);

    public string Host => host;

    public async Task<AgentReport> CollectAsync(CancellationToken ct)
    {
        var commands = CommandChecks.RunAsync(config.Commands, ct);
        var checks = new List<CheckResult>();
        if (config.Mounts)
        {
            var fstab = FstabParser.Parse(files.ReadText("/etc/fstab") ?? "");
            var mounted = MountInfoParser.Parse(files.ReadText("/proc/self/mountinfo") ?? "");
            checks.AddRange(MountRules.Check(fstab, mounted, config.IgnoreMounts));
        }
        if (config.Systemd)
        {
            checks.AddRange(await _systemd.CheckAsync(ct).ConfigureAwait(false));
        }
        if (config.Processes.Count > 0)
        {
            checks.AddRange(ProcessRules.Check(ProcessTable.Read(files), config.Processes));
        }
        if (config.DefaultRoute)
        {
            var routes = RouteParser.ParseIpv4(files.ReadText("/proc/net/route") ?? "")
                .Concat(RouteParser.ParseIpv6(files.ReadText("/proc/net/ipv6_route") ?? "")).ToList();
            checks.Add(NetworkRules.DefaultRoute(routes));
        }
        if (config.ListenPorts.Count > 0)
        {
            var sockets = TcpTableParser.ParseListening(files.ReadText("/proc/net/tcp") ?? "")
                .Concat(TcpTableParser.ParseListening(files.ReadText("/proc/net/tcp6") ?? "")).ToList();
            checks.AddRange(NetworkRules.Listening(sockets, config.ListenPorts));
        }
        checks.AddRange(config.Disks.Select(d => DiskRules.Measure(d, files)));
        checks.AddRange(await commands.ConfigureAwait(false));
        var boot = BootIdentity.Read(files);
        return new AgentReport(host, boot.BootId, boot.UptimeSeconds, config.Interval.TotalSeconds, checks, AgentInfo.Version);
    }
}
