using Microsoft.AspNetCore.Authentication;
using Vigil.Server.Config;
using Vigil.Server.Web.Live;
using Vigil.Server.Web.Users;

namespace Vigil.Server.Web.Sessions;

/// <summary>
/// Guards everything under <c>/ui</c> (the API keeps its bearer tokens): a request needs a valid session cookie,
/// else a page load is sent to the sign-in page and anything else gets 401. With <c>ui.trusted_proxy</c>, a request
/// from one of the proxy's addresses is signed in by the proxy's user header instead (from any other address the
/// header is ignored). Sets the UI's security headers: no framing, no inline script, nothing loaded from elsewhere.
/// </summary>
internal sealed class UiSessionMiddleware(RequestDelegate next, UiSessionValidator validator, ConfigHolder config, UiAccountStore accounts)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    /// <summary>Whether the request is for the UI's pages (<c>/ui</c> and below), the only ones a session cookie opens.</summary>
    public static bool IsUiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/ui", StringComparison.Ordinal);

    /// <summary>Requests outside <c>/ui</c> pass straight through (no state machine of this middleware per API request).</summary>
    public Task InvokeAsync(HttpContext context) => IsUiRequest(context) ? GuardAsync(context) : next(context);

    private async Task GuardAsync(HttpContext context)
    {
        var path = context.Request.Path;
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
        if (config.Current.Ui.TrustedProxy is { } proxy && proxy.Trusts(context.Connection.RemoteIpAddress)
            && context.Request.Headers[proxy.Header].ToString().Trim() is { Length: > 0 } proxyUser)
        {
            return await ProxyUserAsync(context, proxy, proxyUser);
        }
        var result = await context.AuthenticateAsync(UiSessions.Scheme);
        if (!result.Succeeded || result.Principal is null)
        {
            return null;
        }
        return await validator.ValidateAsync(result.Principal, context.RequestAborted);
    }

    /// <summary>The proxy vouches for the name: a local user of that name gives the role (a disabled one is refused),
    /// else the role header when configured and valid, else the default role. Nothing is created.</summary>
    private async Task<UiUser?> ProxyUserAsync(HttpContext context, TrustedProxyOptions proxy, string name)
    {
        if (UiAccountRules.CheckName(name) is not null)
        {
            return null;
        }
        if (await accounts.FindAsync(name, context.RequestAborted) is { } account)
        {
            return account.Disabled ? null : UiAccounts.User(account, "proxy");
        }
        var role = proxy.RoleHeader is { } header && UiRoles.TryParse(context.Request.Headers[header].ToString(), out var r) ? r : proxy.DefaultRole;
        return new UiUser(name, role, "proxy");
    }
}
