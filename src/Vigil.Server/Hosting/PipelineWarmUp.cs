using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Vigil.Server.Hosting;

/// <summary>
/// One request in process (no socket) through the request pipeline from routing on, sent on another thread as soon as
/// the pipeline is built — while Kestrel starts — so that the route table is built then (<see cref="ReadinessMiddleware"/>),
/// not in the first client request after a start.
/// </summary>
internal sealed class PipelineWarmUp
{
    private const string WarmUpPath = "/-/healthy";

    /// <summary>The warm-up request; it never faults the start (the server's warm-up logs a failure).</summary>
    public Task Done { get; private set; } = Task.CompletedTask;

    /// <summary>Put where the warm-up request enters the pipeline: right before <c>UseRouting</c>.</summary>
    public void Capture(IApplicationBuilder app) => app.Use(next =>
    {
        var services = app.ApplicationServices;
        Done = Task.Run(() => SendAsync(next, services));
        return next;
    });

    private static async Task SendAsync(RequestDelegate routed, IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            RequestAborted = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping,
        };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = WarmUpPath;
        await routed(context);
    }
}
