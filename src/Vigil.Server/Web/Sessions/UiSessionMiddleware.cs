using Microsoft.AspNetCore.Authentication;

using Vigil.Server.Web.Live;

namespace Vigil.Server.Web.Sessions;

/// <summary>
/// Guards everything under <c>/ui</c> (the API keeps its bearer tokens): a request needs a valid session cookie,
/// else a page load is sent to the sign-in page and anything else gets 401. Sets the UI's security headers: no
/// framing, no inline script, nothing loaded from elsewhere.
/// </summary>
internal sealed class UiSessionMiddleware(RequestDelegate next, UiSessionValidator validator)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/ui", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        if (IsOpen(path))
        {
            await next(context);
            return;
        }
        var user = await AuthenticateAsync(context);
        if (user is null)
        {
            if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Headers.ContainsKey(UiLive.Header))
            {
                var back = path + context.Request.QueryString;
                context.Response.Redirect(UiSessions.LoginPath + "?return=" + Uri.EscapeDataString(back.ToString()));
                return;
            }
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        user.AttachTo(context);
        await next(context);
    }

    private static bool IsOpen(PathString path) =>
        path.StartsWithSegments(UiSessions.LoginPath, StringComparison.Ordinal)
        || path.StartsWithSegments(UiAssets.Prefix, StringComparison.Ordinal);

    private async Task<UiUser?> AuthenticateAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(UiSessions.Scheme);
        if (!result.Succeeded || result.Principal is null)
        {
            return null;
        }
        return await validator.ValidateAsync(result.Principal, context.RequestAborted);
    }
}
