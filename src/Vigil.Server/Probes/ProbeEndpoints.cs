using System.Text.Json.Nodes;

namespace Vigil.Server.Probes;

/// <summary><c>/api/v1/probes</c>: every configured probe's state and last run (read scope).</summary>
internal static class ProbeEndpoints
{
    public static void MapProbes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/probes");
        group.MapGet("/", (ProbeScheduler probes) =>
            Results.Content(new JsonArray([.. probes.All.Select(s => (JsonNode)ProbeJson.View(s))]).ToJsonString(), "application/json"));
        group.MapGet("/{name}", (string name, ProbeScheduler probes) =>
            probes.Get(name) is { } s
                ? Results.Content(ProbeJson.View(s).ToJsonString(), "application/json")
                : Results.Problem(detail: $"no probe named '{name}'", statusCode: StatusCodes.Status404NotFound));
    }
}
