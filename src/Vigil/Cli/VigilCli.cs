using System.CommandLine;
using System.CommandLine.Parsing;

namespace Vigil.Cli;

/// <summary>The <c>vigil</c> command tree: the control plane (<c>server</c>) and the client verbs that talk to it.</summary>
internal static class VigilCli
{
    private const string Description = "Vigil: a self-hosted reliability control plane (Alertmanager API v2 compatible).";

    /// <summary>
    /// The tree for <paramref name="args"/>: for <c>vigil server …</c> only the server's command, since building the
    /// other ~30 verbs' options is part of every start-up (and a restart after a crash is a start-up); else all of it.
    /// </summary>
    public static RootCommand For(string[] args)
    {
        if (args is [ServerCommand.Name, ..])
        {
            return new RootCommand(Description) { ServerCommand.Create() };
        }
        return Create();
    }

    public static RootCommand Create()
    {
        var root = new RootCommand(Description);
        root.Subcommands.Add(ServerCommand.Create());
        foreach (var verb in ClientVerbs.Create())
        {
            root.Subcommands.Add(verb);
        }
        root.Subcommands.Add(AgentCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(TemplateCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(DrillCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        return root;
    }

    /// <summary>
    /// How to invoke <paramref name="parse"/>: `vigil server` and `vigil demo` handle SIGINT/SIGTERM themselves. Their
    /// clean stop may take longer than the 2 s after which System.CommandLine ends the process (exit 143 after SIGTERM,
    /// 130 after SIGINT): the server's last checkpoint and shutdown (its host's own signal handling, with the host's
    /// shutdown timeout), the demo's agents and temporary folder. A server cut short that way also left its final
    /// checkpoint unwritten and told systemd it had failed.
    /// </summary>
    public static InvocationConfiguration InvocationFor(ParseResult parse) =>
        parse.CommandResult.Command.Name is DemoCommand.Name or ServerCommand.Name && parse.CommandResult.Parent is CommandResult { Command: RootCommand }
            ? new InvocationConfiguration { ProcessTerminationTimeout = null }
            : new InvocationConfiguration();
}
