using Vigil.Contracts.Agents;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Server.Actions;

/// <summary>
/// For people and tools: <c>POST /api/v1/hosts/{host}/actions</c> (write) asks a host's agent for an action;
/// <c>GET /api/v1/hosts/{host}/actions[/{id}]</c> (read) shows what became of the requests, <c>?wait=30s</c> waiting
/// for the outcome; <c>GET /api/v1/agents/key</c> (read) is the public key agents name as <c>server_key</c>.
/// </summary>
internal static class ActionEndpoints
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public static void MapActions(this IEndpointRouteBuilder app)
    {
        var hosts = app.MapGroup("/api/v1/hosts/{host}/actions");
        hosts.MapPost("/", RequestAsync);
        hosts.MapGet("/", async (string host, int? limit, AgentActionService actions, CancellationToken ct) =>
            limit is < 1 or > 1000
                ? Results.Problem(detail: "limit: must be between 1 and 1000", statusCode: 400)
                : Json((await actions.ListAsync(host, limit ?? 100, ct)).Select(ActionJson.View).ToList()));
        hosts.MapGet("/{id}", GetAsync);
        app.MapGet("/api/v1/agents/key", (ActionSigner signer) => Json(new { serverKey = signer.PublicKey, keyId = signer.KeyId }));
        app.MapAgentActions();
    }

    private static async Task<IResult> RequestAsync(string host, HttpContext http, AgentActionService actions, ConfigHolder config, CancellationToken ct)
    {
        var (body, refused) = await JsonBody.ReadAsync<Body>(http.Request, config, ct);
        if (refused is not null)
        {
            return refused;
        }
        TimeSpan? expiresIn = null;
        if (body?.ExpiresIn is { } text)
        {
            if (!PromDuration.TryParse(text, out var parsed))
            {
                return Results.Problem(detail: $"expiresIn: not a duration such as 60s: '{text}'", statusCode: 400);
            }
            expiresIn = parsed;
        }
        var caller = Caller.Of(http) ?? new Caller("unknown", Scope.Write, http.Connection.RemoteIpAddress?.ToString() ?? "");
        var result = await actions.RequestAsync(host, body?.Action!, body?.Reason!, expiresIn, caller, ct);
        return result.Action is { } created
            ? Json(ActionJson.View(created), 201)
            : Results.Problem(detail: result.Problem, statusCode: result.Status);
    }

    private static async Task<IResult> GetAsync(string host, string id, string? wait, AgentActionService actions, CancellationToken ct)
    {
        var timeout = TimeSpan.Zero;
        if (wait is not null && (!PromDuration.TryParse(wait, out timeout) || timeout > MaxWait))
        {
            return Results.Problem(detail: $"wait: a duration of at most 60s, such as 30s: '{wait}'", statusCode: 400);
        }
        if (await actions.GetAsync(id, ct) is not { } found || found.Host != host)
        {
            return Results.Problem(detail: $"host {host} has no action request '{id}'", statusCode: 404);
        }
        var action = await actions.WaitAsync(id, a => a.State.IsFinished(), timeout, ct) ?? found;
        return Json(ActionJson.Detail(action, await actions.EventsAsync(id, ct)));
    }

    private static IResult Json<T>(T value, int status = 200) => Results.Json(value, ContractJson.Options, statusCode: status);

    /// <summary>The body of <c>POST /api/v1/hosts/{host}/actions</c>.</summary>
    private sealed record Body(string? Action, string? Reason, string? ExpiresIn);
}
