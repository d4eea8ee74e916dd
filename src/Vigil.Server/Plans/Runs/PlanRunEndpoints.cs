using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// <c>/api/v1/plans/runs</c>: start a run (or a dry run) of a stored plan by name or of plan YAML (write), list and read
/// runs (read), follow a run's events as server-sent events (read), and pause, resume, retry, skip or abort it (write,
/// audited; 409 with the reason when it does not apply).
/// </summary>
internal static class PlanRunEndpoints
{
    public static void MapPlanRuns(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/v1/plans/runs");
        runs.MapPost("/", StartAsync);
        runs.MapGet("/", async (int? limit, PlanRunService service, CancellationToken ct) =>
            limit is < 1 or > 1000
                ? Results.Problem(detail: "limit: must be between 1 and 1000", statusCode: 400)
                : Json((await service.Store.ListAsync(limit ?? 100, ct)).Select(PlanRunJson.View).ToList()));
        runs.MapGet("/{id}", async (string id, PlanRunService service, CancellationToken ct) =>
            await service.GetAsync(id, ct) is { } run ? Json(PlanRunJson.View(run)) : NotFound(id));
        runs.MapGet("/{id}/events", PlanRunEvents.StreamAsync);
        foreach (var command in Enum.GetValues<RunCommand>())
        {
            runs.MapPost("/{id}/" + command.ToString().ToLowerInvariant(), (string id, HttpContext http, PlanRunService service, CancellationToken ct) =>
                CommandAsync(id, command, http, service, ct));
        }
    }

    private static async Task<IResult> StartAsync(HttpContext http, PlanRunService service, PlanDryRun dry, PlanCatalog catalog, ConfigHolder config, CancellationToken ct)
    {
        var (body, refused) = await JsonBody.ReadAsync<Body>(http.Request, config, ct);
        if (refused is not null)
        {
            return refused;
        }
        PlanDefinition plan;
        if (body?.Name is { } name == body?.Yaml is not null)
        {
            return Results.Problem(detail: "name, yaml: give exactly one: the name of a stored plan, or the plan's YAML", statusCode: 400);
        }
        if (body!.Name is { } n)
        {
            if (await catalog.FindAsync(n, ct) is not { } entry)
            {
                return Results.Problem(detail: $"name: no plan '{n}' (plans.definitions or stored through /api/v1/plans)", statusCode: 404);
            }
            if (entry.Plan is null)
            {
                return Results.Problem(detail: $"name: plan '{n}' cannot be read: {entry.Error}", statusCode: 409);
            }
            plan = entry.Plan;
        }
        else
        {
            try
            {
                plan = PlanReader.Read(body.Yaml!, "request");
            }
            catch (ConfigException e)
            {
                return Results.Problem(detail: $"yaml: {e.Message}", statusCode: 400);
            }
        }
        if (catalog.Check(plan) is { IsValid: false } check)
        {
            return Results.Problem(detail: (body.Name is null ? "yaml: " : "name: ") + string.Join("; ", check.Errors), statusCode: 400);
        }
        if (body.DryRun == true)
        {
            var (hosts, problem) = service.Resolve(plan);
            return hosts is null ? Results.Problem(detail: problem, statusCode: 400) : Json(await dry.EvaluateAsync(plan, hosts, ct));
        }
        var caller = Caller.Of(http) ?? new Caller("unknown", Scope.Write, "");
        var created = await service.StartAsync(plan, caller, ct);
        if (created.Run is { } run)
        {
            return Json(PlanRunJson.View(run), 201);
        }
        return Results.Problem(detail: created.Problem, statusCode: created.Status,
            extensions: created.Extra?.ToDictionary(kv => kv.Key, kv => (object?)kv.Value));
    }

    private static async Task<IResult> CommandAsync(string id, RunCommand command, HttpContext http, PlanRunService service, CancellationToken ct)
    {
        var caller = Caller.Of(http) ?? new Caller("unknown", Scope.Write, "");
        var (run, status, problem) = await service.CommandAsync(id, command, caller, ct);
        return run is not null ? Json(PlanRunJson.View(run)) : Results.Problem(detail: problem, statusCode: status);
    }

    private static IResult NotFound(string id) => Results.Problem(detail: $"no plan run '{id}'", statusCode: 404);

    private static IResult Json<T>(T value, int status = 200) => Results.Json(value, Audit.AuditViewJson.Options, statusCode: status);

    /// <summary>The body of <c>POST /api/v1/plans/runs</c>.</summary>
    private sealed record Body(string? Name, string? Yaml, bool? DryRun);
}
