using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Hosting;

/// <summary>
/// The request pipeline from routing on, captured as it is built, and one request through it in process (no socket)
/// once the server is ready: the route table is built then (<see cref="ReadinessMiddleware"/>), not in the first
/// client request after a start.
/// </summary>
internal sealed class PipelineWarmUp
{
    private const string WarmUpPath = "/-/healthy";
    private RequestDelegate? _routed;

    /// <summary>Put where the warm-up request enters the pipeline: right before <c>UseRouting</c>.</summary>
    public void Capture(IApplicationBuilder app) => app.Use(next => _routed = next);

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        if (_routed is not { } routed)
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = ct };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = WarmUpPath;
        await routed(context);
    }
}
