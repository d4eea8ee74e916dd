namespace Vigil.Server.Plans.Runs;

/// <summary>What starting (or dry-running) a plan came to: the run, or the HTTP status and problem (naming the field), with any extra members for the problem body.</summary>
internal sealed record RunCreation(PlanRun? Run, int Status, string? Problem)
{
    public System.Text.Json.Nodes.JsonObject? Extra { get; init; }

    public static RunCreation Refused(int status, string problem) => new(null, status, problem);
}
