using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime.Text;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Server.Incidents.ActionItems;

/// <summary><c>/api/v1/actions</c>: an incident's action items — list (read scope), add and mark done (write scope).</summary>
internal static class ActionItemEndpoints
{
    public static void MapActionItems(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/actions");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", async (string id, ActionItemService items, CancellationToken ct) =>
            long.TryParse(id, out var n) && await items.GetAsync(n, ct) is { } a ? IncidentEndpoints.Json(View(a)) : NotFound(id));
        group.MapPost("/", async (HttpContext http, ActionItemService items, ConfigHolder config, CancellationToken ct) =>
        {
            var (body, refused) = await JsonBody.ReadAsync<ActionItemService.AddBody>(http.Request, config, ct);
            if (refused is not null)
            {
                return refused;
            }
            try
            {
                return IncidentEndpoints.Json(View(await items.AddAsync(body ?? new ActionItemService.AddBody(null, null, null, null), IncidentEndpoints.CallerOf(http), ct)), 201);
            }
            catch (IncidentException e)
            {
                return Results.Problem(detail: e.Message, statusCode: e.Status);
            }
        });
        group.MapPost("/{id}/done", async (string id, HttpContext http, ActionItemService items, CancellationToken ct) =>
            long.TryParse(id, out var n) && await items.DoneAsync(n, IncidentEndpoints.CallerOf(http), ct) is { } a ? IncidentEndpoints.Json(View(a)) : NotFound(id));
    }

    public static JsonObject View(ActionItem a) => new()
    {
        ["id"] = a.Id,
        ["incident"] = a.IncidentId,
        ["text"] = a.Text,
        ["owner"] = a.Owner,
        ["due"] = a.Due is { } d ? LocalDatePattern.Iso.Format(d) : null,
        ["state"] = a.State,
        ["createdBy"] = a.CreatedBy,
        ["createdAt"] = a.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["doneBy"] = a.DoneBy,
        ["doneAt"] = a.DoneAt?.ToString("O", CultureInfo.InvariantCulture),
    };

    private static async Task<IResult> ListAsync(string? incident, string? state, string? limit, ActionItemService items, CancellationToken ct)
    {
        long? incidentId = null;
        if (incident is not null)
        {
            if (!long.TryParse(incident, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i <= 0)
            {
                return Results.Problem(detail: $"incident: must be an incident id (got \"{incident}\")", statusCode: 400);
            }
            incidentId = i;
        }
        bool? done = state switch
        {
            null => null,
            "open" => false,
            "done" => true,
            _ => default(bool?),
        };
        if (state is not (null or "open" or "done"))
        {
            return Results.Problem(detail: $"state: must be open or done (got \"{state}\")", statusCode: 400);
        }
        var n = 100;
        if (limit is not null && !(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out n) && n is >= 1 and <= ActionItemService.MaxLimit))
        {
            return Results.Problem(detail: $"limit: must be between 1 and {ActionItemService.MaxLimit} (got \"{limit}\")", statusCode: 400);
        }
        var list = await items.ListAsync(incidentId, done, n, ct);
        return IncidentEndpoints.Json(new JsonArray([.. list.Select(a => (JsonNode)View(a))]));
    }

    private static IResult NotFound(string id) => Results.Problem(detail: $"no action item \"{id}\"", statusCode: 404);
}
