using Vigil.Contracts.Agents;

namespace Vigil.Agent.Actions;

/// <summary>
/// The verdict on a signed request before its nonce is recorded: accepted (the request and the allow-listed action
/// it names) or refused (a code from <see cref="ActionRefusals"/> and a message). <see cref="RequestId"/> names the
/// request in the refusal report; for a bad signature it is only what the payload claims.
/// </summary>
internal sealed record ActionCheck(string? RequestId, ActionRequest? Request, ActionSpec? Spec, string? RefusalCode, string? Message)
{
    public bool Accepted => RefusalCode is null;

    public static ActionCheck Accept(ActionRequest request, ActionSpec spec) => new(request.Id, request, spec, null, null);

    public static ActionCheck Refuse(string? requestId, string code, string message) => new(requestId, null, null, code, message);
}
