using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Vigil.Server.Config;
using static Vigil.Server.Oncall.PeopleEndpoints;

namespace Vigil.Server.Oncall;

/// <summary><c>GET /api/v1/oncall</c> (who is on call at a time) and <c>GET /api/v1/oncall/gaps</c> (coverage gaps in a range).</summary>
internal static class OnCallQueryEndpoints
{
    public static void MapOnCallQueries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/oncall", ([FromQuery] string[]? schedule, string? at, ConfigHolder config, OnCallLookup lookup, TimeProvider clock) =>
        {
            var when = OnCallTime.Of(clock.GetUtcNow());
            if (at is { Length: > 0 } && at != "now" && !OnCallTime.TryParseInstant(at, out when))
            {
                return Bad($"at: not an RFC 3339 time: \"{at}\"");
            }
            if (Config.TimeLimits.CheckInstant(when) is { } outside)
            {
                return Bad("at: " + outside);
            }
            var (schedules, missing) = Select(config.Current.Oncall, schedule);
            if (missing is not null)
            {
                return NotFound("schedule", missing);
            }
            var result = new JsonArray();
            foreach (var s in schedules)
            {
                var shift = lookup.ShiftAt(s.Name, when);
                result.Add(new JsonObject
                {
                    ["schedule"] = s.Name,
                    ["at"] = OnCallTime.Utc(when),
                    ["people"] = new JsonArray(shift is null ? [] : [(JsonNode)shift.Person]),
                    ["shift"] = shift is null ? null : OnCallJson.Shift(shift, s.Zone),
                });
            }
            return Json(result);
        });
        app.MapGet("/api/v1/oncall/gaps", ([FromQuery] string[]? schedule, string? from, string? to, string? zone, ConfigHolder config,
            OnCallLookup lookup, TimeProvider clock) =>
        {
            var (start, end, error) = RangeQuery.Parse(from, to, OnCallTime.Of(clock.GetUtcNow()));
            if (error is not null)
            {
                return Bad(error);
            }
            var (schedules, missing) = Select(config.Current.Oncall, schedule);
            if (missing is not null)
            {
                return NotFound("schedule", missing);
            }
            var result = new JsonArray();
            foreach (var s in schedules)
            {
                var (z, zoneError) = RangeQuery.Zone(zone, s.Zone);
                if (zoneError is not null)
                {
                    return Bad(zoneError);
                }
                var gaps = CoverageGaps.Find(lookup.Shifts(s.Name, start, end) ?? [], start, end);
                result.Add(new JsonObject
                {
                    ["schedule"] = s.Name,
                    ["zone"] = z!.Id,
                    ["from"] = OnCallTime.Utc(start),
                    ["to"] = OnCallTime.Utc(end),
                    ["uncovered"] = OnCallTime.Seconds(gaps.Aggregate(Duration.Zero, (sum, g) => sum + (g.To - g.From))),
                    ["gaps"] = new JsonArray([.. gaps.Select(g => (JsonNode)OnCallJson.Gap(g, z))]),
                });
            }
            return Json(result);
        });
    }

    /// <summary>The named schedules (all when none is named), or the first unknown name.</summary>
    private static (IReadOnlyList<Schedule> Schedules, string? Missing) Select(OnCallOptions options, string[]? names)
    {
        if (names is not { Length: > 0 })
        {
            return (options.Schedules, null);
        }
        var result = new List<Schedule>();
        foreach (var n in names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (options.FindSchedule(n) is not { } s)
            {
                return ([], n);
            }
            result.Add(s);
        }
        return (result, null);
    }
}
