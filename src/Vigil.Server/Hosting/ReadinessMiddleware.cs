using Vigil.Server.Cluster;
using Vigil.Server.Config;

namespace Vigil.Server.Hosting;

/// <summary>
/// <c>GET</c>/<c>HEAD /-/ready</c>, answered ahead of routing, as ASP.NET Core's own health-check middleware does. The
/// route table of ~300 endpoints is built on the first request that reaches routing (~45 ms of one core); a start's
/// first readiness probe no longer waits for it, and <see cref="PipelineWarmUp"/> builds it beside Kestrel's start.
/// Other methods go on to the mapped endpoint (its 405), which also keeps the route listed.
/// </summary>
internal sealed class ReadinessMiddleware(RequestDelegate next, ServerLifecycle lifecycle, ClusterView cluster, ConfigHolder config)
{
    public const string Path = "/-/ready";

    public Task InvokeAsync(HttpContext context) =>
        context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)
        && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            ? Answer(lifecycle, cluster, config).ExecuteAsync(context)
            : next(context);

    /// <summary>200 once state is restored and the server listens; 503 before, or while cut off from the shared database.</summary>
    public static IResult Answer(ServerLifecycle lifecycle, ClusterView cluster, ConfigHolder config) =>
        !lifecycle.IsReady ? Results.Text("Service Unavailable", statusCode: 503)
        // A node cut off from the shared database has let its leases go: send nothing its way.
        : !cluster.Connected(config.Current.Server.Cluster.Lease) ? Results.Text("Service Unavailable: cannot reach the shared database", statusCode: 503)
        : Results.Text("OK");
}
