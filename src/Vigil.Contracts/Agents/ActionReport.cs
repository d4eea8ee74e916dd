namespace Vigil.Contracts.Agents;

/// <summary>
/// What an agent tells the server about a request (<c>POST /api/v1/agents/actions/{id}</c>): that it has it
/// (<c>received</c>: without this the server hands it over again, as the answer to a long-poll can be lost), that it starts it
/// (<c>running</c>; the agent runs nothing until the server has accepted this), how it ended (<c>succeeded</c>,
/// <c>failed</c>), or that it refused it (<c>refused</c>, with a <see cref="Reason"/> from <see cref="ActionRefusals"/>).
/// </summary>
/// <param name="State">received, running, succeeded, failed or refused.</param>
/// <param name="Reason">For a refusal: why, as a code (<c>not_allowed</c>, <c>replayed</c>, ...).</param>
/// <param name="Message">One line for people.</param>
/// <param name="ExitCode">The command's exit code (null when it timed out or could not start).</param>
/// <param name="Output">The tail of the command's output.</param>
public sealed record ActionReport(
    string State,
    string? Reason = null,
    string? Message = null,
    int? ExitCode = null,
    string? Output = null);
