using System.Text.Json.Nodes;

namespace Vigil.Server.Incidents;

/// <summary>
/// <c>GET /api/v1/incidents/{id}/impact</c> (customer impact measured) and <c>GET /api/v1/analytics/incidents?from&amp;to</c>
/// (response metrics across incidents; default the last 30 days). Both need the read scope.
/// </summary>
internal static class IncidentReportEndpoints
{
    /// <summary>The default range of the analytics, ending now.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    public static void MapIncidentReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/incidents/{id}/impact", async (string id, IncidentImpact impact, CancellationToken ct) =>
            long.TryParse(id, out var n) && n > 0 && await impact.ForAsync(n, ct) is { } report
                ? Json(IncidentReportJson.Impact(report))
                : Results.Problem(detail: $"no incident \"{id}\"", statusCode: 404));
        app.MapGet("/api/v1/analytics/incidents", AnalyticsAsync);
    }

    private static async Task<IResult> AnalyticsAsync(string? from, string? to, IncidentAnalyticsService analytics, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            var end = to is null ? clock.GetUtcNow() : IncidentText.Instant(to, "to");
            var start = from is null ? end - DefaultRange : IncidentText.Instant(from, "from");
            if (start >= end)
            {
                throw IncidentException.BadRequest("from", $"must be before to ({IncidentText.Quote(end)}); got {IncidentText.Quote(start)}");
            }
            return Json(IncidentReportJson.Analytics(await analytics.ReportAsync(start, end, ct)));
        }
        catch (IncidentException e)
        {
            return Results.Problem(detail: e.Message, statusCode: e.Status);
        }
    }

    private static IResult Json(JsonNode node) => Results.Content(node.ToJsonString(), "application/json");
}
