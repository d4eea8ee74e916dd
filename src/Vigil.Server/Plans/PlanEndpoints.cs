using System.Text.Json.Nodes;
using Vigil.Server.Config;
using Vigil.Server.Security;

namespace Vigil.Server.Plans;

/// <summary>
/// <c>/api/v1/plans</c>: plan definitions from the configuration and stored through the API — list and show (read),
/// validate without storing (read), create or replace and delete stored ones (write, audited). Runs are under
/// <c>/api/v1/plans/runs</c>, mapped by the plan engine.
/// </summary>
internal static class PlanEndpoints
{
    /// <summary>The source name of a plan sent in a request, as its errors show it (<c>request:14: steps[3].timeout: …</c>).</summary>
    public const string RequestSource = "request";

    public static void MapPlanDefinitions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans");
        group.MapGet("/", async (PlanCatalog catalog, CancellationToken ct) =>
            Json(new JsonArray([.. (await catalog.ListAsync(ct)).Select(e => (JsonNode)PlanJson.Summary(e))])));
        group.MapGet("/{name}", async (string name, HttpContext http, PlanCatalog catalog, CancellationToken ct) =>
            await catalog.FindAsync(name, ct) is { } entry ? Json(PlanJson.Detail(entry, SecretView.Shows(http))) : NotFound(name));
        group.MapPost("/validate", ValidateAsync).RequireScope(Scope.Read);
        group.MapPost("/", CreateAsync);
        group.MapDelete("/{name}", async (string name, HttpContext http, PlanCatalog catalog, CancellationToken ct) =>
        {
            var change = await catalog.RemoveAsync(name, CallerOf(http), ct);
            return change.Entry is not null ? Results.NoContent() : Results.Problem(detail: change.Error, statusCode: change.Status);
        });
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, PlanCatalog catalog, ConfigHolder config, CancellationToken ct)
    {
        var (yaml, problem) = await PlanBody.ReadAsync(request, config, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (_, errors, warnings) = Read(yaml!, catalog);
        return Json(PlanJson.Validation(errors, warnings));
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, bool? replace, PlanCatalog catalog, ConfigHolder config, CancellationToken ct)
    {
        var (yaml, problem) = await PlanBody.ReadAsync(request, config, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (plan, errors, warnings) = Read(yaml!, catalog);
        if (plan is null || errors.Count > 0)
        {
            var body = PlanJson.Validation(errors, warnings);
            return Results.Problem(detail: errors[0].ToString(), statusCode: 400,
                extensions: new Dictionary<string, object?> { ["errors"] = body["errors"], ["warnings"] = body["warnings"] });
        }
        var change = await catalog.AddAsync(plan, replace ?? false, CallerOf(request.HttpContext), ct);
        return change.Entry is { } entry
            ? Json(PlanJson.Detail(entry, showSecrets: true, warnings), change.Status)
            : Results.Problem(detail: change.Error, statusCode: change.Status);
    }

    /// <summary>Reads and checks a plan: a reading error is the only error; else the validator's errors and warnings.</summary>
    private static (PlanDefinition? Plan, IReadOnlyList<PlanProblem> Errors, IReadOnlyList<PlanProblem> Warnings) Read(string yaml, PlanCatalog catalog)
    {
        try
        {
            var plan = PlanReader.Read(yaml, RequestSource);
            var check = catalog.Check(plan);
            return (plan, check.Errors, check.Warnings);
        }
        catch (ConfigException e)
        {
            return (null, [PlanJson.Problem(e)], []);
        }
    }

    private static Caller CallerOf(HttpContext http) =>
        Caller.Of(http) ?? new Caller("unknown", Scope.Write, http.Connection.RemoteIpAddress?.ToString() ?? "");

    private static IResult Json(JsonNode node, int status = 200) => Results.Content(node.ToJsonString(), "application/json", statusCode: status);

    private static IResult NotFound(string name) =>
        Results.Problem(detail: $"no plan named \"{name}\" (plans come from plans.definitions in vigil.yaml, or POST /api/v1/plans)", statusCode: 404);
}
