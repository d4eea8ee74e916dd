using Vigil.Agent.Actions;
using Vigil.Agent.Commands;
using Vigil.Agent.Disk;
using Vigil.Agent.Processes;

namespace Vigil.Agent.Config;

/// <summary>The agent's own configuration (<c>agent.yaml</c>); every check it runs is named here, never by the server.</summary>
internal sealed record AgentConfig
{
    /// <summary>The host name reported. Default: <c>--host</c>, else the machine name.</summary>
    public string? Host { get; init; }

    /// <summary>How often to report. Default 10s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Check fstab against mountinfo. Default true.</summary>
    public bool Mounts { get; init; } = true;

    /// <summary>Mount points not to check. Default none.</summary>
    public IReadOnlySet<string> IgnoreMounts { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Check systemd when present. Default true.</summary>
    public bool Systemd { get; init; } = true;

    /// <summary>A file holding captured <c>systemctl list-units --state=failed --plain --no-legend</c> output, read instead of running systemctl. Default none.</summary>
    public string? SystemdFailedUnitsFile { get; init; }

    /// <summary>A file holding captured <c>systemctl is-system-running</c> output. Default none.</summary>
    public string? SystemdStateFile { get; init; }

    /// <summary>Check for a default route. Default true.</summary>
    public bool DefaultRoute { get; init; } = true;

    /// <summary>TCP ports that must be listening. Default none.</summary>
    public IReadOnlyList<int> ListenPorts { get; init; } = [];

    public IReadOnlyList<ProcessSpec> Processes { get; init; } = [];

    public IReadOnlyList<DiskSpec> Disks { get; init; } = [];

    public IReadOnlyList<CommandSpec> Commands { get; init; } = [];

    /// <summary>The actions the server may ask for, by name (the allow-list). Default none: every request is refused.</summary>
    public IReadOnlyList<ActionSpec> Actions { get; init; } = [];

    /// <summary>The server's public action keys (base64 SubjectPublicKeyInfo); a request must be signed by one. Required with actions.</summary>
    public IReadOnlyList<string> ServerKeys { get; init; } = [];

    /// <summary>Where the agent keeps what must survive a restart (the nonces it accepted). Default /var/lib/vigil-agent, under --root.</summary>
    public string StateDir { get; init; } = "/var/lib/vigil-agent";
}
