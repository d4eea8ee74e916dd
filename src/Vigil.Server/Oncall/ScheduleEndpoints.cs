using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Security;
using static Vigil.Server.Oncall.PeopleEndpoints;

namespace Vigil.Server.Oncall;

/// <summary><c>/api/v1/schedules</c>: list, show, final shifts in a range and zone, overrides (create, list, delete).</summary>
internal static class ScheduleEndpoints
{
    public static void MapSchedules(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/schedules");
        group.MapGet("/", (ConfigHolder config, OverrideSet overrides, CoverageGapService gaps) =>
            Json(new JsonArray([.. config.Current.Oncall.Schedules.Select(s => (JsonNode)OnCallJson.Schedule(s, overrides.For(s), gaps.ErrorOf(s.Name)))])));
        group.MapGet("/{name}", (string name, ConfigHolder config, OverrideSet overrides, CoverageGapService gaps) =>
            config.Current.Oncall.FindSchedule(name) is { } s ? Json(OnCallJson.Schedule(s, overrides.For(s), gaps.ErrorOf(s.Name))) : NotFound("schedule", name));
        group.MapGet("/{name}/shifts", (string name, string? from, string? to, string? zone, ConfigHolder config, OnCallLookup lookup, TimeProvider clock) =>
        {
            if (config.Current.Oncall.FindSchedule(name) is not { } s)
            {
                return NotFound("schedule", name);
            }
            var (start, end, error) = RangeQuery.Parse(from, to, OnCallTime.Of(clock.GetUtcNow()));
            var (z, zoneError) = RangeQuery.Zone(zone, s.Zone);
            if ((error ?? zoneError) is { } problem)
            {
                return Bad(problem);
            }
            var shifts = lookup.Shifts(name, start, end) ?? [];
            return Json(new JsonObject
            {
                ["schedule"] = name,
                ["zone"] = z!.Id,
                ["from"] = OnCallTime.Utc(start),
                ["to"] = OnCallTime.Utc(end),
                ["shifts"] = new JsonArray([.. shifts.Select(x => (JsonNode)OnCallJson.Shift(x, z))]),
            });
        });
        group.MapGet("/{name}/overrides", (string name, ConfigHolder config, OverrideSet overrides) =>
            config.Current.Oncall.FindSchedule(name) is { } s
                ? Json(new JsonArray([.. overrides.For(s).Select(o => (JsonNode)OnCallJson.Override(o))]))
                : NotFound("schedule", name));
        group.MapPost("/{name}/overrides", async (string name, HttpContext http, OverrideEditor editor, ConfigHolder config, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync(http.Request, config, ct);
            if (problem is not null)
            {
                return problem;
            }
            if (JsonNode.Parse(body, documentOptions: JsonInput.DocumentOptions) is not JsonObject o)
            {
                return Bad("body: expected a JSON object with person, from and to");
            }
            var outcome = await editor.CreateAsync(name, Text(o, "person"), Text(o, "from"), Text(o, "to"), Text(o, "note"), CallerOf(http), ct);
            return Respond(outcome);
        });
        group.MapDelete("/{name}/overrides/{id}", async (string name, string id, HttpContext http, OverrideEditor editor, CancellationToken ct) =>
            Respond(await editor.DeleteAsync(name, id, CallerOf(http), ct)));
    }

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IResult Respond(OverrideEditor.Outcome outcome) =>
        outcome.Override is { } o ? Json(OnCallJson.Override(o), outcome.Status) : Results.Problem(detail: outcome.Error, statusCode: outcome.Status);

    private static Caller CallerOf(HttpContext http) =>
        Caller.Of(http) ?? new Caller("unknown", Scope.Read, http.Connection.RemoteIpAddress?.ToString() ?? "");
}
