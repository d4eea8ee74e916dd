using System.Text.Json.Nodes;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Incidents;
using Vigil.Server.Security;

namespace Vigil.Server.Vendors;

/// <summary>
/// <c>GET /api/v1/vendors</c>, an incident's tickets (<c>GET|POST /api/v1/incidents/{id}/vendor-tickets</c>) and a ticket's
/// moves (<c>GET /api/v1/vendor-tickets/{id}</c>, <c>POST …/ack|engaged|resolve</c>). Reads need the read scope, changes write.
/// </summary>
internal static class VendorEndpoints
{
    /// <summary>Body of <c>POST /api/v1/incidents/{id}/vendor-tickets</c>.</summary>
    public sealed record OpenTicket(string? Vendor, string? Summary);

    public static void MapVendors(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/vendors", (HttpContext http, ConfigHolder config) =>
            Json(new JsonArray([.. config.Current.Vendors.Select(v => (JsonNode)VendorJson.Vendor(v, SecretView.Shows(http)))])));
        app.MapGet("/api/v1/incidents/{id}/vendor-tickets", async (string id, IncidentStore incidents, VendorTicketStore store, CancellationToken ct) =>
            long.TryParse(id, out var n) && await incidents.GetAsync(n, ct) is not null
                ? Json(new JsonArray([.. (await store.OfIncidentAsync(n, ct)).Select(t => (JsonNode)VendorJson.Ticket(t))]))
                : Results.Problem(detail: $"no incident \"{id}\"", statusCode: 404));
        app.MapPost("/api/v1/incidents/{id}/vendor-tickets", OpenAsync);
        app.MapGet("/api/v1/vendor-tickets/{id}", async (string id, VendorTicketStore store, CancellationToken ct) =>
            long.TryParse(id, out var n) && await store.GetAsync(n, ct) is { } t ? Json(VendorJson.Ticket(t)) : TicketNotFound(id));
        app.MapPost("/api/v1/vendor-tickets/{id}/ack", (string id, HttpContext http, VendorTicketService tickets, CancellationToken ct) =>
            MoveAsync(id, TicketState.Acknowledged, http, tickets, ct));
        app.MapPost("/api/v1/vendor-tickets/{id}/engaged", (string id, HttpContext http, VendorTicketService tickets, CancellationToken ct) =>
            MoveAsync(id, TicketState.Engaged, http, tickets, ct));
        app.MapPost("/api/v1/vendor-tickets/{id}/resolve", (string id, HttpContext http, VendorTicketService tickets, CancellationToken ct) =>
            MoveAsync(id, TicketState.Resolved, http, tickets, ct));
    }

    private static async Task<IResult> OpenAsync(string id, HttpContext http, VendorTicketService tickets, ConfigHolder config, CancellationToken ct)
    {
        if (!long.TryParse(id, out var n) || n <= 0)
        {
            return Results.Problem(detail: $"no incident \"{id}\"", statusCode: 404);
        }
        var (body, refused) = await JsonBody.ReadAsync<OpenTicket>(http.Request, config, ct);
        if (refused is not null)
        {
            return refused;
        }
        if (body is null)
        {
            return Results.Problem(detail: "body: required, a JSON object with vendor and summary", statusCode: 400);
        }
        try
        {
            return Json(VendorJson.Ticket(await tickets.OpenAsync(n, body.Vendor, body.Summary, CallerOf(http), ct)), 201);
        }
        catch (IncidentException e)
        {
            return Results.Problem(detail: e.Message, statusCode: e.Status);
        }
    }

    private static async Task<IResult> MoveAsync(string id, TicketState to, HttpContext http, VendorTicketService tickets, CancellationToken ct)
    {
        if (!long.TryParse(id, out var n) || n <= 0)
        {
            return TicketNotFound(id);
        }
        try
        {
            return Json(VendorJson.Ticket(await tickets.MoveAsync(n, to, CallerOf(http).Identity, ct)));
        }
        catch (IncidentException e)
        {
            return Results.Problem(detail: e.Message, statusCode: e.Status);
        }
    }

    private static Caller CallerOf(HttpContext http) =>
        Caller.Of(http) ?? new Caller("unknown", Scope.Write, http.Connection.RemoteIpAddress?.ToString() ?? "");

    private static IResult TicketNotFound(string id) => Results.Problem(detail: $"no vendor ticket \"{id}\"", statusCode: 404);

    private static IResult Json(JsonNode node, int status = 200) => Results.Content(node.ToJsonString(), "application/json", statusCode: status);
}
