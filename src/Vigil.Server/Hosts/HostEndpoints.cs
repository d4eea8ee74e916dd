using System.Text.Json;
using Vigil.Contracts.Agents;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Actions;
using Vigil.Server.Security;

namespace Vigil.Server.Hosts;

/// <summary>
/// <c>/api/v1/agents</c>: tokens (admin) and reports (agent token, bound to its host);
/// <c>/api/v1/hosts</c>: the hosts, their checks and reboots (read).
/// </summary>
internal static class HostEndpoints
{
    public static void MapHosts(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/v1/agents");
        agents.MapPost("/tokens", CreateTokenAsync).RequireScope(Scope.Admin);
        // Open to the API-token middleware: an agent token is checked here, and it is good for nothing else.
        agents.MapPost("/report", ReportAsync).AllowAnonymousAccess();

        var hosts = app.MapGroup("/api/v1/hosts");
        hosts.MapGet("/", (HostService service, TimeProvider clock) =>
            Json(service.All.Select(h => HostJson.Summary(h, service, clock.GetUtcNow())).ToList()));
        hosts.MapGet("/{host}", async (string host, HostService service, HostStore store, TimeProvider clock, CancellationToken ct) =>
        {
            if (service.Get(host) is not { } h)
            {
                return Results.Problem(detail: $"no host '{host}' has reported", statusCode: 404);
            }
            var reboots = await store.RebootsAsync(host, 100, ct);
            return Json(new HostJson.HostDetail(HostJson.Summary(h, service, clock.GetUtcNow()), h.Checks,
                [.. reboots.Select(HostJson.Reboot)], h.PendingReboot is { } p ? HostJson.Reboot(p) : null));
        });
    }

    private static async Task<IResult> CreateTokenAsync(HttpContext http, AgentTokenStore tokens, ActionSigner signer, ConfigHolder config, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<AgentTokenRequest>(http.Request, config, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (!ReportValidation.IsHostName(request?.Host))
        {
            return Results.Problem(detail: "host: must be a host name (letters, digits, '.', '_', '-')", statusCode: 400);
        }
        var token = ApiTokens.Generate();
        var id = await tokens.CreateAsync(request!.Host!, ApiTokens.Hash(token), ct);
        return Results.Json(new AgentTokenCreated(id, request.Host!, token, signer.PublicKey), ContractJson.Options, statusCode: 201);
    }

    private static async Task<IResult> ReportAsync(HttpContext http, AgentTokenStore tokens, HostService hosts, AgentActionService actions, ConfigHolder config, CancellationToken ct)
    {
        var (boundHost, denied) = await AgentTokenAuth.AuthenticateAsync(http, tokens, ct);
        if (denied is not null)
        {
            return denied;
        }
        var (report, refused) = await JsonBody.ReadAsync<AgentReport>(http.Request, config, ct);
        if (refused is not null)
        {
            return refused;
        }
        if (ReportValidation.Validate(report) is { } problem)
        {
            return Results.Problem(detail: $"{problem.Field}: {problem.Reason}", statusCode: 400);
        }
        if (!string.Equals(report!.Host, boundHost, StringComparison.Ordinal))
        {
            return Results.Problem(detail: $"host: this token belongs to '{boundHost}', not '{report.Host}'", statusCode: 403);
        }
        var outcome = await hosts.ReportAsync(report, ct);
        await actions.ObserveReportAsync(report.Host, report.BootId, ct);
        return Results.Json(new AgentReportAccepted(report.Host, outcome.RebootIsNew, outcome.Alerts.Count), ContractJson.Options);
    }

    private static IResult Json<T>(T value) => Results.Json(value, ContractJson.Options);
}
