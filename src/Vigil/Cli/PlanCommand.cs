using System.CommandLine;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil plan …</c>: maintenance plans. Definitions (<c>validate</c>, <c>ls</c>, <c>show</c>, <c>add</c>, <c>rm</c>)
/// are in <see cref="PlanDefinitionCommands"/>; runs (<c>run</c>, <c>status</c>, <c>pause</c>, <c>resume</c>,
/// <c>retry</c>, <c>skip</c>, <c>abort</c>) in <see cref="PlanRunCommands"/>.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var command = new Command("plan", "Maintenance plans: rolling reboots and staged recoveries that check before every step and halt, paging, when something is wrong.");
        client.AddTo(command);
        PlanDefinitionCommands.AddTo(command, client);
        PlanRunCommands.AddTo(command, client);
        return command;
    }
}
