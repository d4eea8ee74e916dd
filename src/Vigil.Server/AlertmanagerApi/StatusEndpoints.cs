using System.Text.Json;
using Vigil.Server.Cluster;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Server.AlertmanagerApi;

/// <summary><c>/api/v2/status</c>, <c>/api/v2/receivers</c> and the <c>/-/</c> management endpoints.</summary>
internal static class StatusEndpoints
{
    public static void MapAlertmanagerStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/status", Status);
        app.MapGet("/api/v1/version", () => Results.Json(new { version = VigilVersion.Text, alertmanagerApi = VigilVersion.Alertmanager }));
        // Vigil's whole configuration, secrets masked (config.original above is only its Alertmanager part).
        app.MapGet("/api/v1/config", (ConfigHolder config) =>
            Results.Json(new { source = config.Current.Source, original = config.Current.OriginalRedacted })).RequireScope(Scope.Admin);
        app.MapGet("/api/v2/receivers", (ConfigHolder config) =>
            Results.Json(config.Current.Receivers.Select(r => new Dictionary<string, string> { ["name"] = r.Name })));
        app.MapMethods("/-/healthy", ["GET", "HEAD"], () => Results.Text("OK")).AllowAnonymousAccess();
        // GET and HEAD are answered before routing (ReadinessMiddleware); mapped too, for a 405 to other methods.
        app.MapMethods(ReadinessMiddleware.Path, ["GET", "HEAD"], ReadinessMiddleware.Answer).AllowAnonymousAccess();
        app.MapPost("/-/reload", (ConfigHolder config) =>
        {
            var error = config.Reload();
            return error is null
                ? Results.Ok()
                : Results.Problem(detail: "failed to reload config: " + error, statusCode: StatusCodes.Status400BadRequest);
        }).RequireScope(Scope.Admin);
    }

    private static IResult Status(ConfigHolder config, ServerLifecycle lifecycle, ThisNode node, ClusterView cluster)
    {
        var body = new Dictionary<string, object>
        {
            ["cluster"] = ClusterEndpoints.StatusCluster(node, cluster),
            ["config"] = new Dictionary<string, object> { ["original"] = config.Current.AlertmanagerRedacted },
            ["uptime"] = WireTime.Format(lifecycle.StartedAt),
            ["versionInfo"] = new Dictionary<string, object>
            {
                // amtool warns on every call when this differs from its own version: it is the API Vigil speaks.
                ["branch"] = "vigil-" + VigilVersion.Text,
                ["buildDate"] = "",
                ["buildUser"] = "vigil",
                ["goVersion"] = "dotnet" + Environment.Version,
                ["revision"] = VigilVersion.Full,
                ["version"] = VigilVersion.Alertmanager,
            },
        };
        return Results.Text(JsonSerializer.Serialize(body), "application/json");
    }
}
