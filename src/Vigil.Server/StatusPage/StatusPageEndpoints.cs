using System.Text.Json.Nodes;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Incidents;
using Vigil.Server.Security;

namespace Vigil.Server.StatusPage;

/// <summary>
/// The public status page, no token: <c>GET /status</c> (HTML), the Statuspage API v2 documents under <c>/status/</c>, the
/// Atom feed; and the API that writes public updates (<c>POST /api/v1/incidents/{id}/public-updates</c>, write scope).
/// The public documents are served from <see cref="StatusPageCache"/>, CORS-open so browser widgets can read them.
/// </summary>
internal static class StatusPageEndpoints
{
    /// <summary>Body of <c>POST /api/v1/incidents/{id}/public-updates</c>.</summary>
    public sealed record PostUpdate(string? Body, string? Status, string[]? Components);

    private const string Json = "application/json";

    public static void MapStatusPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/status", (HttpContext http, StatusPageCache cache, CancellationToken ct) => Serve(http, cache, s => s.Html, "text/html; charset=utf-8", ct)).AllowAnonymousAccess();
        app.MapGet("/status/summary.json", (HttpContext http, StatusPageCache cache, CancellationToken ct) => Serve(http, cache, s => s.Summary, Json, ct)).AllowAnonymousAccess();
        app.MapGet("/status/status.json", (HttpContext http, StatusPageCache cache, CancellationToken ct) => Serve(http, cache, s => s.Status, Json, ct)).AllowAnonymousAccess();
        app.MapGet("/status/components.json", (HttpContext http, StatusPageCache cache, CancellationToken ct) => Serve(http, cache, s => s.Components, Json, ct)).AllowAnonymousAccess();
        app.MapGet("/status/incidents/unresolved.json", (HttpContext http, StatusPageCache cache, CancellationToken ct) =>
            Serve(http, cache, s => s.Unresolved, Json, ct)).AllowAnonymousAccess();
        app.MapGet("/status/scheduled-maintenances/upcoming.json", (HttpContext http, StatusPageCache cache, CancellationToken ct) =>
            Serve(http, cache, s => s.ScheduledMaintenances, Json, ct)).AllowAnonymousAccess();
        app.MapGet("/status/history.atom", (HttpContext http, StatusPageCache cache, CancellationToken ct) =>
            Serve(http, cache, s => s.Atom, "application/atom+xml; charset=utf-8", ct)).AllowAnonymousAccess();
        app.MapGet("/api/v1/incidents/{id}/public-updates", ListAsync);
        app.MapPost("/api/v1/incidents/{id}/public-updates", PostAsync);
    }

    private static async Task<IResult> Serve(HttpContext http, StatusPageCache cache, Func<StatusSnapshot, byte[]> pick, string type, CancellationToken ct)
    {
        var snapshot = await cache.GetAsync(ct);
        http.Response.Headers.AccessControlAllowOrigin = "*";
        http.Response.Headers.CacheControl = "public, max-age=5";
        return Results.Bytes(pick(snapshot), type);
    }

    private static async Task<IResult> ListAsync(string id, IncidentStore incidents, PublicUpdateStore store, CancellationToken ct) =>
        long.TryParse(id, out var n) && await incidents.GetAsync(n, ct) is not null
            ? Results.Content(new JsonArray([.. (await store.OfIncidentAsync(n, ct)).Select(u => (JsonNode)View(u))]).ToJsonString(), Json)
            : Results.Problem(detail: $"no incident \"{id}\"", statusCode: 404);

    private static async Task<IResult> PostAsync(string id, HttpContext http, PublicUpdateService updates, ConfigHolder config, CancellationToken ct)
    {
        if (!long.TryParse(id, out var n) || n <= 0)
        {
            return Results.Problem(detail: $"no incident \"{id}\"", statusCode: 404);
        }
        var (body, refused) = await JsonBody.ReadAsync<PostUpdate>(http.Request, config, ct);
        if (refused is not null)
        {
            return refused;
        }
        if (body is null)
        {
            return Results.Problem(detail: "body: required, a JSON object with body (the text customers read)", statusCode: 400);
        }
        try
        {
            var caller = Caller.Of(http) ?? new Caller("unknown", Scope.Write, http.Connection.RemoteIpAddress?.ToString() ?? "");
            var update = await updates.PostAsync(n, body.Body, body.Status, body.Components, caller, ct);
            return Results.Content(View(update).ToJsonString(), Json, statusCode: 201);
        }
        catch (IncidentException e)
        {
            return Results.Problem(detail: e.Message, statusCode: e.Status);
        }
    }

    private static JsonObject View(PublicUpdate u) => new()
    {
        ["id"] = u.Id,
        ["incident"] = u.IncidentId,
        ["at"] = IncidentText.Quote(u.At),
        ["actor"] = u.Actor,
        ["status"] = u.Status,
        ["body"] = u.Body,
        ["components"] = new JsonArray([.. u.Components.Select(c => (JsonNode)c)]),
    };
}
