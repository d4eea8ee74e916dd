using System.Text.Json.Nodes;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Server.Incidents;

/// <summary>
/// <c>/api/v1/incidents</c>: open, list (filters), show (links, times, timeline), update (status, severity, texts, time
/// corrections, links), notes, roles, resolve. Reads need the read scope, changes the write scope.
/// </summary>
internal static class IncidentEndpoints
{
    private const int MaxLimit = 1000;

    public static void MapIncidents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/incidents");
        group.MapPost("/", (HttpContext http, IncidentService incidents, ConfigHolder config, CancellationToken ct) =>
            Handle<IncidentBodies.Open>(http, config, async body => Json(IncidentJson.View(await incidents.OpenAsync(body, CallerOf(http), ct)), 201), ct));
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", async (string id, IncidentService incidents, CancellationToken ct) =>
            long.TryParse(id, out var n) && await incidents.DetailAsync(n, ct) is { } d ? Json(IncidentJson.Detail(d)) : NotFound(id));
        group.MapGet("/{id}/timeline", TimelineAsync);
        group.MapPatch("/{id}", (string id, HttpContext http, IncidentService incidents, ConfigHolder config, CancellationToken ct) =>
            WithId(id, n => Handle<IncidentBodies.Update>(http, config, async body => Json(IncidentJson.View(await incidents.UpdateAsync(n, body, CallerOf(http), ct))), ct)));
        group.MapPost("/{id}/notes", (string id, HttpContext http, IncidentService incidents, ConfigHolder config, CancellationToken ct) =>
            WithId(id, n => Handle<IncidentBodies.Note>(http, config, async body => Json(IncidentJson.Entry(await incidents.NoteAsync(n, body.Text, CallerOf(http), ct)), 201), ct)));
        group.MapPost("/{id}/roles", (string id, HttpContext http, IncidentService incidents, ConfigHolder config, CancellationToken ct) =>
            WithId(id, n => Handle<IncidentBodies.Assign>(http, config, async body => Json(IncidentJson.View(await incidents.AssignAsync(n, body.Role, body.Person, CallerOf(http), ct))), ct)));
        group.MapPost("/{id}/resolve", (string id, HttpContext http, IncidentService incidents, ConfigHolder config, CancellationToken ct) =>
            WithId(id, n => Handle<IncidentBodies.Resolve>(http, config, async body => Json(IncidentJson.View(await incidents.ResolveAsync(n, body, CallerOf(http), ct))), ct)));
    }

    private static async Task<IResult> ListAsync(string? status, string? severity, string? open, string? from, string? to, string? limit,
        IncidentService incidents, CancellationToken ct)
    {
        try
        {
            IncidentStatus? s = status is null ? null
                : IncidentNames.TryParseStatus(status, out var st) ? st : throw IncidentException.BadRequest("status", $"must be {IncidentNames.StatusChoices} (got \"{status}\")");
            IncidentSeverity? v = severity is null ? null
                : IncidentNames.TryParseSeverity(severity, out var sv) ? sv : throw IncidentException.BadRequest("severity", $"must be {IncidentNames.SeverityChoices} (got \"{severity}\")");
            bool? o = open is null ? null : bool.TryParse(open, out var op) ? op : throw IncidentException.BadRequest("open", $"must be true or false (got \"{open}\")");
            var n = limit is null ? 100 : int.TryParse(limit, out var l) && l is >= 1 and <= MaxLimit ? l
                : throw IncidentException.BadRequest("limit", $"must be between 1 and {MaxLimit} (got \"{limit}\")");
            var filter = new IncidentFilter(s, v, o, from is null ? null : IncidentText.Instant(from, "from"), to is null ? null : IncidentText.Instant(to, "to"), n);
            var list = await incidents.ListAsync(filter, ct);
            return Json(new JsonArray([.. list.Select(i => (JsonNode)IncidentJson.View(i))]));
        }
        catch (IncidentException e)
        {
            return Results.Problem(detail: e.Message, statusCode: e.Status);
        }
    }

    /// <summary>The merged timeline: JSON (each entry with <c>local</c> when <c>tz</c> is given) or, with <c>format=text</c>, the
    /// lines a postmortem shows, in <c>tz</c> (default UTC).</summary>
    private static async Task<IResult> TimelineAsync(string id, string? tz, string? format, IncidentService incidents, CancellationToken ct)
    {
        var zone = tz is null ? NodaTime.DateTimeZone.Utc : Oncall.OnCallTime.Zone(tz);
        if (zone is null)
        {
            return Results.Problem(detail: $"tz: not an IANA time zone such as America/Los_Angeles: \"{tz}\"", statusCode: 400);
        }
        if (format is not (null or "json" or "text"))
        {
            return Results.Problem(detail: $"format: must be json or text (got \"{format}\")", statusCode: 400);
        }
        if (!long.TryParse(id, out var n) || await incidents.DetailAsync(n, ct) is not { } d)
        {
            return NotFound(id);
        }
        if (format == "text")
        {
            return Results.Text(string.Join('\n', TimelineRenderer.Lines(d.Timeline, zone)) + "\n", "text/plain; charset=utf-8");
        }
        return Json(new JsonArray([.. d.Timeline.Select(e =>
        {
            var json = IncidentJson.Entry(e);
            if (tz is not null)
            {
                json["local"] = NodaTime.Instant.FromDateTimeOffset(e.At).InZone(zone).ToString("uuuu-MM-dd'T'HH:mm:sso<G>", System.Globalization.CultureInfo.InvariantCulture);
            }
            return (JsonNode)json;
        })]));
    }

    private static async Task<IResult> Handle<T>(HttpContext http, ConfigHolder config, Func<T, Task<IResult>> action, CancellationToken ct)
    {
        var (body, refused) = await JsonBody.ReadAsync<T>(http.Request, config, ct);
        if (refused is not null)
        {
            return refused;
        }
        if (body is null)
        {
            return Results.Problem(detail: "body: required, a JSON object", statusCode: 400);
        }
        try
        {
            return await action(body);
        }
        catch (IncidentException e)
        {
            return Results.Problem(detail: e.Message, statusCode: e.Status);
        }
    }

    private static Task<IResult> WithId(string id, Func<long, Task<IResult>> action) =>
        long.TryParse(id, out var n) && n > 0 ? action(n) : Task.FromResult(NotFound(id));

    internal static Caller CallerOf(HttpContext http) =>
        Caller.Of(http) ?? new Caller("unknown", Scope.Write, http.Connection.RemoteIpAddress?.ToString() ?? "");

    private static IResult NotFound(string id) => Results.Problem(detail: $"no incident \"{id}\"", statusCode: 404);

    internal static IResult Json(JsonNode node, int status = 200) =>
        Results.Content(node.ToJsonString(), "application/json", statusCode: status);
}
