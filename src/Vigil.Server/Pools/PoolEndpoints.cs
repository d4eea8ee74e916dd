namespace Vigil.Server.Pools;

/// <summary><c>/api/v1/pools</c>: every pool read live from its HAProxy instances and its members' agents (read scope).</summary>
internal static class PoolEndpoints
{
    public static void MapPools(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/pools");
        group.MapGet("/", async (PoolService pools, CancellationToken ct) =>
        {
            var reports = await Task.WhenAll(pools.Pools.Select(p => pools.ReadAsync(p, ct)));
            return Results.Json(reports.Select(PoolJson.View).ToList(), PoolJson.Options);
        });
        group.MapGet("/{name}", async (string name, PoolService pools, CancellationToken ct) =>
            pools.Find(name) is { } pool
                ? Results.Json(PoolJson.View(await pools.ReadAsync(pool, ct)), PoolJson.Options)
                : Results.Problem(detail: $"no pool named '{name}' (pools are configured under pools: in vigil.yaml)", statusCode: StatusCodes.Status404NotFound));
    }
}
