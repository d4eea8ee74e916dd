using System.CommandLine;

namespace Vigil.Cli;

/// <summary><c>vigil plan validate|ls|show|add|rm</c>: plan definitions (<c>/api/v1/plans</c>).</summary>
internal static class PlanDefinitionCommands
{
    public static void AddTo(Command plan, ClientOptions client)
    {
        _ = plan;
        _ = client;
    }
}
