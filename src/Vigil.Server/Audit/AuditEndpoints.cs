using System.Text.Json.Nodes;

namespace Vigil.Server.Audit;

/// <summary><c>GET /api/v1/audit</c>: every recorded change, newest first (read scope).</summary>
internal static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async (string? type, string? id, int? limit, AuditLog audit, CancellationToken ct) =>
        {
            if (limit is < 1 or > 1000)
            {
                return Results.Problem(detail: "limit: must be between 1 and 1000", statusCode: 400);
            }
            var entries = await audit.ListAsync(type, id, limit ?? 100, ct);
            return Results.Json(entries.Select(e => new
            {
                id = e.Id,
                at = e.At,
                actor = e.Actor,
                client = e.ClientAddress,
                action = e.Action,
                objectType = e.ObjectType,
                objectId = e.ObjectId,
                before = e.Before is null ? null : JsonNode.Parse(e.Before),
                after = e.After is null ? null : JsonNode.Parse(e.After),
            }));
        });
    }
}
