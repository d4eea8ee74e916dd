namespace Vigil.Server.Security;

/// <summary>Adds <c>http_server_config.headers</c> of the web config (HSTS and friends) to every response.</summary>
internal sealed class ResponseHeadersMiddleware(RequestDelegate next, WebConfig web)
{
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var (name, value) in web.Headers)
        {
            context.Response.Headers[name] = value;
        }
        return next(context);
    }
}
