using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Vigil.Contracts.Agents;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Hosts;
using Vigil.Server.Security;

namespace Vigil.Server.Actions;

/// <summary>
/// The agent's side of the action channel, with its agent token (bound to one host): <c>GET /api/v1/agents/actions?wait=25s</c>
/// long-polls for requests, <c>POST /api/v1/agents/actions/{id}</c> reports on one (running, succeeded, failed, refused).
/// </summary>
internal static class AgentActionEndpoints
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public static void MapAgentActions(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/v1/agents/actions");
        agents.MapGet("/", PollAsync).AllowAnonymousAccess();
        agents.MapPost("/{id}", ReportAsync).AllowAnonymousAccess();
    }

    private static async Task<IResult> PollAsync(HttpContext http, string? wait, AgentTokenStore tokens, AgentActionService actions,
        IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        var (host, denied) = await AgentTokenAuth.AuthenticateAsync(http, tokens, ct);
        if (denied is not null)
        {
            return denied;
        }
        var timeout = TimeSpan.Zero;
        if (wait is not null && (!PromDuration.TryParse(wait, out timeout) || timeout > MaxWait))
        {
            return Results.Problem(detail: $"wait: a duration of at most 60s, such as 25s: '{wait}'", statusCode: 400);
        }
        // A stopping server answers its long-polls at once instead of holding the shutdown up.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
        IReadOnlyList<SignedActionRequest> requests;
        try
        {
            requests = await actions.TakeAsync(host!, timeout, AgentTokenAuth.CallerOf(http, host!), stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            requests = [];
        }
        return Results.Json(new ActionPoll(requests), ContractJson.Options);
    }

    private static async Task<IResult> ReportAsync(HttpContext http, string id, AgentTokenStore tokens, AgentActionService actions, ConfigHolder config, CancellationToken ct)
    {
        var (host, denied) = await AgentTokenAuth.AuthenticateAsync(http, tokens, ct);
        if (denied is not null)
        {
            return denied;
        }
        var (report, refused) = await JsonBody.ReadAsync<ActionReport>(http.Request, config, ct);
        if (refused is not null)
        {
            return refused;
        }
        if (ActionRequestValidation.Validate(report) is { } problem)
        {
            return Results.Problem(detail: problem, statusCode: 400);
        }
        var result = await actions.ReportAsync(host!, id, report!, AgentTokenAuth.CallerOf(http, host!), ct);
        return result switch
        {
            null => Results.Problem(detail: $"host {host} has no action request '{id}'", statusCode: 404),
            { Accepted: false } => Results.Problem(detail: result.Problem, statusCode: 409),
            _ => Results.Json(new ActionReportAccepted(id, true), ContractJson.Options),
        };
    }
}
