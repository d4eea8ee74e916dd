using System.Text.Json.Nodes;
using Vigil.Server.AlertmanagerApi;
using Vigil.Server.Config;
using Vigil.Server.Security;

namespace Vigil.Server.Escalation;

/// <summary>
/// <c>GET /api/v1/escalation-policies</c>, <c>GET /api/v1/pages[?state=]</c>, <c>GET /api/v1/pages/{id}</c> (with its
/// history), <c>POST /api/v1/pages/{id}/ack</c>, <c>POST /api/v1/pages/{id}/resolve</c>, and
/// <c>GET /api/v1/analytics/mtta?from&amp;to</c> (time to first acknowledgement by policy and team).
/// </summary>
internal static class PageEndpoints
{
    public static void MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/escalation-policies", (ConfigHolder config) =>
            Results.Json(new JsonArray([.. config.Current.EscalationPolicies.Values.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (JsonNode)PageJson.ToJson(p))])));
        var group = app.MapGroup("/api/v1/pages");
        group.MapGet("", List);
        group.MapGet("/{id:long}", Show);
        group.MapPost("/{id:long}/ack", (long id, HttpContext context, PageService pages, PageStore store, EscalationEngine engine, CancellationToken ct) =>
            Change(id, store, engine, ct, pages.AcknowledgeAsync(id, SilencesEndpoints.CallerOf(context), ct)));
        group.MapPost("/{id:long}/resolve", (long id, HttpContext context, PageService pages, PageStore store, EscalationEngine engine, CancellationToken ct) =>
            Change(id, store, engine, ct, pages.ResolveAsync(id, SilencesEndpoints.CallerOf(context), ct)));
        app.MapGet("/api/v1/analytics/mtta", Mtta);
    }

    private static async Task<IResult> List(string? state, int? limit, PageStore store, EscalationEngine engine, CancellationToken ct)
    {
        PageState? filter = state switch
        {
            null or "" => null,
            "triggered" => PageState.Triggered,
            "acknowledged" => PageState.Acknowledged,
            "resolved" => PageState.Resolved,
            _ => (PageState)(-1),
        };
        if (filter == (PageState)(-1))
        {
            return Results.Problem(detail: "state must be triggered, acknowledged or resolved", statusCode: 400);
        }
        var pages = await store.ListAsync(filter, Math.Clamp(limit ?? 100, 1, 1000), ct);
        return Results.Json(new JsonArray([.. pages.Select(p => (JsonNode)PageJson.ToJson(p, error: engine.ErrorOf(p.Id)))]));
    }

    private static async Task<IResult> Show(long id, PageStore store, EscalationEngine engine, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } page
            ? Results.Json(PageJson.ToJson(page, await store.EventsAsync(id, ct), engine.ErrorOf(id)))
            : Results.Problem(detail: $"page {id} not found", statusCode: 404);

    private static async Task<IResult> Change(long id, PageStore store, EscalationEngine engine, CancellationToken ct, Task<PageChange> change)
    {
        var result = await change;
        return result.Ok ? await Show(id, store, engine, ct) : Results.Problem(detail: result.Reason, statusCode: result.Status);
    }

    private static async Task<IResult> Mtta(string? from, string? to, PageStore store, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!TryInstant(from, now - TimeSpan.FromDays(7), out var start) || !TryInstant(to, now, out var end) || end <= start)
        {
            return Results.Problem(detail: "from and to must be RFC 3339 instants with from < to (default: the last 7 days)", statusCode: 400);
        }
        var pages = await store.AcknowledgedBetweenAsync(start, end, ct);
        var rows = pages.GroupBy(p => (p.Policy, p.Team)).OrderBy(g => g.Key.Policy, StringComparer.Ordinal).ThenBy(g => g.Key.Team, StringComparer.Ordinal)
            .Select(g =>
            {
                var seconds = g.Select(p => (p.AcknowledgedAt!.Value - p.CreatedAt).TotalSeconds).Order().ToList();
                return (JsonNode)new JsonObject
                {
                    ["policy"] = g.Key.Policy,
                    ["team"] = g.Key.Team,
                    ["acknowledged"] = seconds.Count,
                    ["mttaSeconds"] = Math.Round(seconds.Average(), 3),
                    ["medianSeconds"] = seconds[seconds.Count / 2],
                    ["maxSeconds"] = seconds[^1],
                };
            });
        return Results.Json(new JsonObject { ["from"] = start, ["to"] = end, ["groups"] = new JsonArray([.. rows]) });
    }

    private static bool TryInstant(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out value);
    }
}
