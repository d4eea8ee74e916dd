using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Server.Incidents.Postmortems;

/// <summary>
/// <c>GET /api/v1/incidents/{id}/postmortem?tz=&amp;format=md|html|json</c> (read scope) and
/// <c>PUT|DELETE /api/v1/incidents/{id}/postmortem/sections/{section}</c> (write scope): a person's text for a section.
/// </summary>
internal static class PostmortemEndpoints
{
    public sealed record EditBody(string? Text);

    public static void MapPostmortems(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/incidents/{id}/postmortem");
        group.MapGet("/", GetAsync);
        group.MapPut("/sections/{section}", async (string id, string section, HttpContext http, PostmortemService postmortems, ConfigHolder config, CancellationToken ct) =>
        {
            var (body, refused) = await JsonBody.ReadAsync<EditBody>(http.Request, config, ct);
            if (refused is not null)
            {
                return refused;
            }
            if (string.IsNullOrWhiteSpace(body?.Text))
            {
                return Results.Problem(detail: "text: required (DELETE the section to return to the generated text)", statusCode: 400);
            }
            return await EditAsync(id, section, body.Text, http, postmortems, ct);
        });
        group.MapDelete("/sections/{section}", (string id, string section, HttpContext http, PostmortemService postmortems, CancellationToken ct) =>
            EditAsync(id, section, null, http, postmortems, ct));
    }

    private static async Task<IResult> GetAsync(string id, string? tz, string? format, PostmortemService postmortems, CancellationToken ct)
    {
        var zone = tz is null ? NodaTime.DateTimeZone.Utc : Oncall.OnCallTime.Zone(tz);
        if (zone is null)
        {
            return Results.Problem(detail: $"tz: not an IANA time zone such as America/Los_Angeles: \"{tz}\"", statusCode: 400);
        }
        if (format is not (null or "md" or "html" or "json"))
        {
            return Results.Problem(detail: $"format: must be md, html or json (got \"{format}\")", statusCode: 400);
        }
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || await postmortems.WriteAsync(n, zone, ct) is not { } p)
        {
            return NotFound(id);
        }
        return format switch
        {
            "html" => Results.Content(PostmortemHtml.Render(p), "text/html; charset=utf-8"),
            "json" => Results.Content(Json(p).ToJsonString(), "application/json"),
            _ => Results.Content(PostmortemMarkdown.Render(p), "text/markdown; charset=utf-8"),
        };
    }

    private static async Task<IResult> EditAsync(string id, string section, string? text, HttpContext http, PostmortemService postmortems, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return NotFound(id);
        }
        try
        {
            var (changed, edit) = await postmortems.EditAsync(n, section, text, IncidentEndpoints.CallerOf(http), ct);
            return !changed ? Results.NoContent() : Results.Content(new JsonObject
            {
                ["section"] = section,
                ["text"] = edit?.Text,
                ["editedBy"] = edit?.EditedBy,
                ["editedAt"] = edit?.EditedAt.ToString("O", CultureInfo.InvariantCulture),
            }.ToJsonString(), "application/json");
        }
        catch (IncidentException e)
        {
            return Results.Problem(detail: e.Message, statusCode: e.Status);
        }
    }

    private static JsonObject Json(Postmortem p) => new()
    {
        ["title"] = p.Title,
        ["preliminary"] = p.Preliminary,
        ["zone"] = p.Zone,
        ["sections"] = new JsonArray([.. p.Sections.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name,
            ["heading"] = s.Heading,
            ["lines"] = new JsonArray([.. s.Lines.Select(l => (JsonNode)JsonValue.Create(l))]),
            ["editedBy"] = s.EditedBy?.EditedBy,
            ["editedAt"] = s.EditedBy?.EditedAt.ToString("O", CultureInfo.InvariantCulture),
        })]),
    };

    private static IResult NotFound(string id) => Results.Problem(detail: $"no incident \"{id}\"", statusCode: 404);
}
