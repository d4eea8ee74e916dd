namespace Vigil.Server.Actions;

/// <summary>What <see cref="AgentActionService.RequestAsync"/> did: the request made, or why not (<see cref="Status"/> 400 or 404, and the problem naming the field).</summary>
public sealed record ActionRequestResult(AgentAction? Action, int Status, string? Problem)
{
    public static ActionRequestResult Refused(int status, string problem) => new(null, status, problem);
}
