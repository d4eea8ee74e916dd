using System.CommandLine;

namespace Vigil.Cli;

/// <summary><c>vigil plan run|status|pause|resume|retry|skip|abort</c>: plan runs (<c>/api/v1/plans/runs</c>).</summary>
internal static class PlanRunCommands
{
    public static void AddTo(Command plan, ClientOptions client)
    {
        _ = plan;
        _ = client;
    }
}
