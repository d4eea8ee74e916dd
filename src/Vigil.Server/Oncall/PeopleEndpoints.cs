using System.Text.Json.Nodes;
using Vigil.Server.Config;

namespace Vigil.Server.Oncall;

/// <summary><c>/api/v1/people</c> and <c>/api/v1/teams</c>: read-only views of the configuration.</summary>
internal static class PeopleEndpoints
{
    public static void MapPeople(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/people", (ConfigHolder config, HttpContext http) =>
            Json(new JsonArray([.. config.Current.Oncall.People.Values.OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => (JsonNode)OnCallJson.Person(p, Security.SecretView.Shows(http)))])));
        app.MapGet("/api/v1/people/{name}", (string name, ConfigHolder config, HttpContext http) =>
            config.Current.Oncall.People.TryGetValue(name, out var p) ? Json(OnCallJson.Person(p, Security.SecretView.Shows(http))) : NotFound("person", name));
        app.MapGet("/api/v1/teams", (ConfigHolder config) =>
            Json(new JsonArray([.. config.Current.Oncall.Teams.Values.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (JsonNode)OnCallJson.Team(t))])));
        app.MapGet("/api/v1/teams/{name}", (string name, ConfigHolder config) =>
            config.Current.Oncall.Teams.TryGetValue(name, out var t) ? Json(OnCallJson.Team(t)) : NotFound("team", name));
    }

    public static IResult Json(JsonNode node, int status = 200) => Results.Content(node.ToJsonString(), "application/json", statusCode: status);

    public static IResult NotFound(string what, string name) => Results.Problem(detail: $"no {what} {name}", statusCode: 404);

    public static IResult Bad(string detail) => Results.Problem(detail: detail, statusCode: 400);
}
