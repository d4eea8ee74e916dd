using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Server.Maintenance;

/// <summary><c>/api/v1/maintenance</c>: create, list, show, change, end, mark done; events and muted alerts.</summary>
internal static class MaintenanceEndpoints
{
    private static readonly JsonSerializerOptions BodyJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public static void MapMaintenance(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/maintenance");
        group.MapPost("/", async (HttpContext http, WindowEditor editor, ConfigHolder config, WindowSet windows, TimeProvider clock, CancellationToken ct) =>
        {
            var (draft, problem) = await ReadDraftAsync(http.Request, config, ct);
            return draft is null ? problem! : Respond(await editor.CreateAsync(draft, CallerOf(http), ct), windows, clock);
        });
        group.MapGet("/", (string? state, WindowSet windows, TimeProvider clock) =>
        {
            WindowState? filter = null;
            if (state is { Length: > 0 })
            {
                if (!Enum.TryParse<WindowState>(state, ignoreCase: true, out var parsed) || int.TryParse(state, out _))
                {
                    return Results.Problem(detail: $"state: must be active, upcoming or ended (got '{state}')", statusCode: 400);
                }
                filter = parsed;
            }
            var now = clock.GetUtcNow();
            // Filtered on the views: a window that cannot be evaluated is listed (state "error"), never breaks the list.
            var wanted = filter?.ToString().ToLowerInvariant();
            var selected = windows.All
                .OrderBy(w => w.Start).ThenBy(w => w.Id, StringComparer.Ordinal)
                .Select(w => WindowJson.View(w, now, windows.ErrorOf(w)))
                .Where(v => wanted is null || v["state"]!.GetValue<string>() == wanted);
            return Results.Content(new JsonArray([.. selected]).ToJsonString(), "application/json");
        });
        group.MapGet("/{id}", (string id, WindowSet windows, TimeProvider clock) =>
            windows.Get(id) is { } w ? Json(WindowJson.View(w, clock.GetUtcNow(), windows.ErrorOf(w))) : NotFound(id));
        group.MapPut("/{id}", (string id, HttpContext http, WindowEditor editor, ConfigHolder config, WindowSet windows, TimeProvider clock, CancellationToken ct) =>
            UpdateAsync(id, replace: true, http, editor, config, windows, clock, ct));
        group.MapPatch("/{id}", (string id, HttpContext http, WindowEditor editor, ConfigHolder config, WindowSet windows, TimeProvider clock, CancellationToken ct) =>
            UpdateAsync(id, replace: false, http, editor, config, windows, clock, ct));
        group.MapPost("/{id}/end", async (string id, HttpContext http, WindowEditor editor, WindowSet windows, TimeProvider clock, CancellationToken ct) =>
            Respond(await editor.EndAsync(id, CallerOf(http), ct), windows, clock));
        group.MapPost("/{id}/done", async (string id, HttpContext http, WindowEditor editor, WindowSet windows, TimeProvider clock, CancellationToken ct) =>
            Respond(await editor.DoneAsync(id, CallerOf(http), ct), windows, clock));
        group.MapGet("/{id}/events", async (string id, WindowSet windows, WindowEventStore events, CancellationToken ct) =>
        {
            var list = await events.ListAsync(id, ct);
            return list.Count == 0 && windows.Get(id) is null
                ? NotFound(id)
                : Results.Content(new JsonArray([.. list.Select(e => (JsonNode)WindowJson.Event(e))]).ToJsonString(), "application/json");
        });
        group.MapGet("/{id}/alerts", (string id, WindowSet windows, AlertState state, AlertStatusResolver resolver, TimeProvider clock) =>
        {
            if (windows.Get(id) is null)
            {
                return NotFound(id);
            }
            var now = clock.GetUtcNow();
            var muted = new JsonArray();
            foreach (var alert in state.All.Where(a => a.IsFiringAt(now)).OrderBy(a => a.Fingerprint.Value))
            {
                var status = resolver.Resolve(alert, now);
                if (status.WindowIds.Contains(id))
                {
                    muted.Add(new JsonObject
                    {
                        ["fingerprint"] = alert.Fingerprint.ToString(),
                        ["labels"] = new JsonObject([.. alert.Labels.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
                        ["startsAt"] = alert.StartsAt,
                        ["status"] = new JsonObject
                        {
                            ["state"] = status.State,
                            ["mutedBy"] = new JsonArray([.. status.WindowIds.Select(w => (JsonNode)w)]),
                            ["silencedBy"] = new JsonArray([.. status.SilencedBy.Select(s => (JsonNode)s)]),
                            ["inhibitedBy"] = new JsonArray([.. status.InhibitedBy.Select(s => (JsonNode)s)]),
                        },
                    });
                }
            }
            return Results.Content(muted.ToJsonString(), "application/json");
        });
    }

    private static async Task<IResult> UpdateAsync(string id, bool replace, HttpContext http, WindowEditor editor, ConfigHolder config,
        WindowSet windows, TimeProvider clock, CancellationToken ct)
    {
        var (draft, problem) = await ReadDraftAsync(http.Request, config, ct);
        return draft is null ? problem! : Respond(await editor.UpdateAsync(id, draft, replace, CallerOf(http), ct), windows, clock);
    }

    private static async Task<(WindowDraft? Draft, IResult? Problem)> ReadDraftAsync(HttpRequest request, ConfigHolder config, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, config, ct);
        if (problem is not null)
        {
            return (null, problem);
        }
        bool? assign = null;
        if (request.Query["assign"] is { Count: > 0 } flag)
        {
            if (!bool.TryParse(flag[0], out var parsed))
            {
                return (null, Bad($"assign: must be true or false (got '{flag[0]}')"));
            }
            assign = parsed;
        }
        try
        {
            var draft = JsonSerializer.Deserialize<WindowDraft>(body, BodyJson);
            return draft is null ? (null, Bad("body: expected a JSON object")) : (draft with { Assign = assign ?? draft.Assign }, null);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return (null, Bad($"{where}: {e.Message.Split(" Path:")[0]}"));
        }
    }

    private static IResult Respond(WindowEditor.Outcome outcome, WindowSet windows, TimeProvider clock)
    {
        if (outcome.Window is not { } w)
        {
            var extensions = outcome.Problem?.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone());
            return Results.Problem(detail: outcome.Error, statusCode: outcome.Status, extensions: extensions);
        }
        var view = WindowJson.View(w, clock.GetUtcNow(), windows.ErrorOf(w));
        if (outcome.Watcher is { } watcher)
        {
            view["watcherCheck"] = watcher;
        }
        return Results.Content(view.ToJsonString(), "application/json", statusCode: outcome.Status);
    }

    private static IResult Json(JsonObject o) => Results.Content(o.ToJsonString(), "application/json");

    private static IResult NotFound(string id) => Results.Problem(detail: $"no maintenance window {id}", statusCode: 404);

    private static IResult Bad(string detail) => Results.Problem(detail: detail, statusCode: 400);

    private static Caller CallerOf(HttpContext http) =>
        Caller.Of(http) ?? new Caller("unknown", Scope.Read, http.Connection.RemoteIpAddress?.ToString() ?? "");
}
