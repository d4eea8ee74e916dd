using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Hosting;

/// <summary>
/// What stands between a request and a bare 500: request ids (<see cref="RequestIdMiddleware"/>), ProblemDetails that
/// carry them, <see cref="UnhandledExceptionHandler"/>, and no NUL in a query (<see cref="QueryTextMiddleware"/>). Bad input to a bound parameter throws
/// <see cref="BadHttpRequestException"/> (answered 400 with the reason) instead of an empty 400, and bound JSON bodies
/// refuse duplicate keys as <see cref="JsonInput"/> does.
/// </summary>
internal static class SafetyNet
{
    public static IServiceCollection AddSafetyNet(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions["requestId"] = c.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.AllowDuplicateProperties = false);
        return services;
    }

    /// <summary>First in the pipeline, so that everything after it is covered.</summary>
    public static IApplicationBuilder UseSafetyNet(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestIdMiddleware>().UseExceptionHandler().UseMiddleware<QueryTextMiddleware>();
}
