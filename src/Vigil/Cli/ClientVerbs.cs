using System.CommandLine;

namespace Vigil.Cli;

/// <summary>
/// The verbs that only talk to a running server over HTTP. Both executables have them: <c>vigil-server</c> (this
/// project, every verb) and the native <c>vigil</c> (src/Vigil.Cli, compiled ahead of time from these same files),
/// which answers them itself and hands every other verb to <c>vigil-server</c>.
/// </summary>
internal static class ClientVerbs
{
    public static IEnumerable<Command> Create() =>
    [
        AlertsCommand.Create(),
        TokenCommand.Create(),
        UserCommand.Create(),
        SecretsCommand.Create(),
        AuditCommand.Create(),
        SilenceCommand.Create(),
        MaintCommand.Create(),
        HostsCommand.CreateList(),
        HostsCommand.CreateShow(),
        PagesCommand.Create(),
        PagesCommand.CreateAck(),
        PagesCommand.CreateResolve(),
        OncallCommand.Create(),
        ProbesCommand.Create(),
        HeartbeatCommand.Create(),
        PoolsCommand.Create(),
        IncidentCommand.Create(),
        PostmortemCommand.Create(),
        ActionItemCommand.Create(),
        VendorCommand.Create(),
    ];
}
