using System.Text.Json.Nodes;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Server.Heartbeats;

/// <summary>
/// Ping URLs <c>/hb/{id}</c>, <c>/hb/{id}/start</c>, <c>/hb/{id}/fail</c> (GET or POST, no token: the id is the secret),
/// and <c>/api/v1/heartbeats</c> to create, list, show and delete heartbeats (the id and ping URLs only to write tokens).
/// </summary>
internal static class HeartbeatEndpoints
{
    public static void MapHeartbeats(this IEndpointRouteBuilder app)
    {
        string[] methods = ["GET", "POST", "HEAD"];
        app.MapMethods("/hb/{id}", methods, (string id, HeartbeatService hb, CancellationToken ct) => PingAsync(id, PingKind.Success, hb, ct)).AllowAnonymousAccess();
        app.MapMethods("/hb/{id}/start", methods, (string id, HeartbeatService hb, CancellationToken ct) => PingAsync(id, PingKind.Start, hb, ct)).AllowAnonymousAccess();
        app.MapMethods("/hb/{id}/fail", methods, (string id, HeartbeatService hb, CancellationToken ct) => PingAsync(id, PingKind.Fail, hb, ct)).AllowAnonymousAccess();

        var group = app.MapGroup("/api/v1/heartbeats");
        group.MapGet("/", (HeartbeatService hb, ExternalUrl url, HttpContext http) =>
            Json(new JsonArray([.. hb.All.Select(t => (JsonNode)HeartbeatJson.View(t.Heartbeat, t.Pings, t.Verdict, url.Value, SecretView.Shows(http), t.Error))])));
        group.MapGet("/{key}", (string key, HeartbeatService hb, ExternalUrl url, HttpContext http) =>
            Find(hb, key) is { } t ? Json(HeartbeatJson.View(t.Heartbeat, t.Pings, t.Verdict, url.Value, SecretView.Shows(http), t.Error)) : NotFound(key));
        group.MapPost("/", async (HttpRequest request, HeartbeatService hb, ExternalUrl url, ConfigHolder config, TimeProvider clock, CancellationToken ct) =>
        {
            var (bytes, problem) = await JsonBody.ReadAsync(request, config, ct);
            if (problem is not null)
            {
                return problem;
            }
            var body = JsonNode.Parse(bytes, documentOptions: JsonInput.DocumentOptions);
            var (heartbeat, error) = HeartbeatDraft.Build(body as JsonObject, Guid.NewGuid().ToString(), clock.GetUtcNow());
            if (heartbeat is null)
            {
                return Results.Problem(detail: error, statusCode: 400);
            }
            if (await hb.AddAsync(heartbeat, ct) is { } refused)
            {
                return Results.Problem(detail: refused.Detail, statusCode: refused.Status);
            }
            var view = HeartbeatJson.View(heartbeat, new HeartbeatPings(heartbeat.CreatedAt), HeartbeatVerdict.Up, url.Value);
            return Results.Content(view.ToJsonString(), "application/json", statusCode: 201);
        });
        group.MapDelete("/{key}", async (string key, HeartbeatService hb, CancellationToken ct) =>
        {
            if (Find(hb, key) is not { } t)
            {
                return NotFound(key);
            }
            return await hb.RemoveAsync(t.Heartbeat.Id, ct) is { } refused
                ? Results.Problem(detail: refused.Detail, statusCode: refused.Status)
                : Results.NoContent();
        });
    }

    private static async Task<IResult> PingAsync(string id, PingKind kind, HeartbeatService hb, CancellationToken ct) =>
        await hb.PingAsync(id, kind, ct) ? Results.Text("OK") : Results.Text("not found", statusCode: 404);

    // A heartbeat is addressed by its id or its name.
    private static (Heartbeat Heartbeat, HeartbeatPings Pings, HeartbeatVerdict Verdict, string? Error)? Find(HeartbeatService hb, string key) =>
        hb.All.Where(t => t.Heartbeat.Id == key || t.Heartbeat.Name == key).Select(t => ((Heartbeat, HeartbeatPings, HeartbeatVerdict, string?)?)t).FirstOrDefault();

    private static IResult Json(JsonNode node) => Results.Content(node.ToJsonString(), "application/json");

    private static IResult NotFound(string key) => Results.Problem(detail: $"no heartbeat '{key}'", statusCode: 404);
}
