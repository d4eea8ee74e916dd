using System.Text.Json.Nodes;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Server.Web.Users;

/// <summary><c>/api/v1/users</c>: the web UI's local users: create, list (never a hash), change, remove. Admin only.</summary>
internal static class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").RequireScope(Scope.Admin);
        group.MapPost("/", async (HttpContext http, UiAccountEditor editor, ConfigHolder config, CancellationToken ct) =>
        {
            var (o, problem) = await ReadObjectAsync(http, config, "name, role, password and optionally person", ct);
            if (problem is not null)
            {
                return problem;
            }
            if (FirstTypeError(o!, "name", "role", "password", "person") is { } typeError)
            {
                return Bad(typeError);
            }
            return Respond(await editor.CreateAsync(Text(o!, "name"), Text(o!, "role"), Text(o!, "password"), Text(o!, "person"), CallerOf(http), ct));
        });
        group.MapGet("/", async (UiAccountStore store, CancellationToken ct) =>
            Json(new JsonArray([.. (await store.ListAsync(ct)).Select(a => (JsonNode)UiAccountJson.Of(a))])));
        group.MapPatch("/{name}", async (string name, HttpContext http, UiAccountEditor editor, ConfigHolder config, CancellationToken ct) =>
        {
            var (o, problem) = await ReadObjectAsync(http, config, "any of role, password, person, disabled", ct);
            if (problem is not null)
            {
                return problem;
            }
            if (FirstTypeError(o!, "role", "password", "person") is { } typeError)
            {
                return Bad(typeError);
            }
            bool? disabled = null;
            if (o!.TryGetPropertyValue("disabled", out var d) && d is not null)
            {
                if (d is not JsonValue v || !v.TryGetValue<bool>(out var flag))
                {
                    return Bad("disabled: must be true or false");
                }
                disabled = flag;
            }
            if (o.FirstOrDefault(p => p.Key is not ("role" or "password" or "person" or "disabled")) is { Key: { } unknown })
            {
                return Bad($"{unknown}: not a field of a user (role, password, person, disabled)");
            }
            var change = new UiAccountChange(Text(o, "role"), Text(o, "password"), o.ContainsKey("person"), Text(o, "person"), disabled);
            return Respond(await editor.ChangeAsync(name, change, CallerOf(http), ct));
        });
        group.MapDelete("/{name}", async (string name, HttpContext http, UiAccountEditor editor, CancellationToken ct) =>
            Respond(await editor.RemoveAsync(name, CallerOf(http), ct)));
    }

    private static async Task<(JsonObject? Object, IResult? Problem)> ReadObjectAsync(HttpContext http, ConfigHolder config, string expected, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(http.Request, config, ct);
        if (problem is not null)
        {
            return (null, problem);
        }
        return JsonNode.Parse(body, documentOptions: JsonInput.DocumentOptions) is JsonObject o
            ? (o, null)
            : (null, Bad($"body: expected a JSON object with {expected}"));
    }

    /// <summary>A field given as something other than a string (or null) is named, not read as missing.</summary>
    private static string? FirstTypeError(JsonObject o, params string[] keys) =>
        keys.FirstOrDefault(k => o[k] is { } v && (v is not JsonValue value || !value.TryGetValue<string>(out _))) is { } key
            ? $"{key}: must be a string"
            : null;

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IResult Respond(UiAccountEditor.Outcome outcome) =>
        outcome.Account is { } a ? Json(UiAccountJson.Of(a), outcome.Status) : Results.Problem(detail: outcome.Error, statusCode: outcome.Status);

    private static IResult Json(JsonNode node, int status = 200) => Results.Content(node.ToJsonString(), "application/json", statusCode: status);

    private static IResult Bad(string detail) => Results.Problem(detail: detail, statusCode: 400);

    private static Caller CallerOf(HttpContext http) =>
        Caller.Of(http) ?? new Caller("unknown", Scope.Read, http.Connection.RemoteIpAddress?.ToString() ?? "");
}
