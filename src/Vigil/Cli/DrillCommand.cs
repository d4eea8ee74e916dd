using System.CommandLine;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil drill …</c>: rehearsals on a virtual clock, offline, with the server's own code. Each drill is a subcommand
/// listed in <see cref="Drills"/>; add a new one there.
/// </summary>
internal static class DrillCommand
{
    private static readonly Func<Command>[] Drills = [DrillRunCommand.Create, DrillSoakCommand.Create, DrillNotifyCommand.Create];

    public static Command Create()
    {
        var command = new Command("drill", "Rehearse on a virtual clock, offline: what Vigil would do with a configuration and a stream of events.");
        foreach (var create in Drills)
        {
            command.Subcommands.Add(create());
        }
        return command;
    }
}
