using Microsoft.AspNetCore.Http.Features;
using Vigil.Server.Config;

namespace Vigil.Server.Hosting;

/// <summary>Applies <c>server.max_body_bytes</c> to every request (Kestrel answers 413 past it);
/// read per request, so a reload takes effect at once.</summary>
internal sealed class BodySizeLimitMiddleware(RequestDelegate next, ConfigHolder config)
{
    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = config.Current.Server.MaxBodyBytes;
        }
        return next(context);
    }
}
