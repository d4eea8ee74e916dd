using System.Collections.Concurrent;
using System.Net;
using Vigil.Server.Config;
using Vigil.Server.Storage;

namespace Vigil.Server.Security;

/// <summary>
/// Every endpoint needs <c>Authorization: Bearer TOKEN</c> unless marked open; 401 without a valid token,
/// 403 when its scope is too small. Token look-ups are cached by hash (tokens are only ever revoked by
/// an admin call, which clears the cache).
/// </summary>
internal sealed class TokenAuthenticationMiddleware(RequestDelegate next, TokenStore tokens, ConfigHolder config, BasicAuthenticator basic)
{
    private readonly ConcurrentDictionary<string, ApiToken?> _cache = new(StringComparer.Ordinal);

    public void ForgetCachedTokens() => _cache.Clear();

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<OpenEndpoint>() is not null)
        {
            await next(context);
            return;
        }
        var client = context.Connection.RemoteIpAddress;
        var clientText = client?.ToString() ?? "";
        var needed = RequiredScope.For(context);
        var header = context.Request.Headers.Authorization.ToString();
        if (basic.Enabled && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            await AuthenticateBasicAsync(context, header["Basic ".Length..], needed, clientText);
            return;
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            if (AllowsAnonymousIngest(context, client))
            {
                new Caller("anonymous-loopback", Scope.Write, clientText).AttachTo(context);
                await next(context);
                return;
            }
            await Deny(context, StatusCodes.Status401Unauthorized, "missing bearer token: send 'Authorization: Bearer <token>'");
            return;
        }
        var hash = ApiTokens.Hash(header["Bearer ".Length..].Trim());
        if (!_cache.TryGetValue(hash, out var token))
        {
            token = await tokens.FindByHashAsync(hash, context.RequestAborted);
            if (token is not null)
            {
                _cache[hash] = token;
            }
        }
        if (token is null)
        {
            await Deny(context, StatusCodes.Status401Unauthorized, "invalid or revoked bearer token");
            return;
        }
        var scope = HighestScope(token.Scopes);
        if (scope < needed)
        {
            await Deny(context, StatusCodes.Status403Forbidden, $"token '{token.Name}' has scope '{Scopes.Name(scope)}'; this call needs '{Scopes.Name(needed)}'");
            return;
        }
        new Caller(token.Name, scope, clientText).AttachTo(context);
        await next(context);
    }

    /// <summary>A user of the web config's <c>basic_auth_users</c>, acting with the scope <c>basic_auth_scopes</c> gives them.</summary>
    private async Task AuthenticateBasicAsync(HttpContext context, string credential, Scope needed, string clientText)
    {
        if (basic.Authenticate(credential) is not { } user)
        {
            await Deny(context, StatusCodes.Status401Unauthorized, "invalid user name or password");
            return;
        }
        if (user.Scope < needed)
        {
            await Deny(context, StatusCodes.Status403Forbidden, $"user '{user.Name}' has scope '{Scopes.Name(user.Scope)}'; this call needs '{Scopes.Name(needed)}'");
            return;
        }
        new Caller("basic:" + user.Name, user.Scope, clientText).AttachTo(context);
        await next(context);
    }

    private bool AllowsAnonymousIngest(HttpContext context, IPAddress? client) =>
        config.Current.Server.AllowUnauthenticatedLoopbackIngest
        && client is not null && IPAddress.IsLoopback(client)
        && HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.Equals("/api/v2/alerts", StringComparison.Ordinal);

    private static Scope HighestScope(IEnumerable<string> scopes)
    {
        var best = (Scope)0;
        foreach (var s in scopes)
        {
            if (Scopes.TryParse(s, out var parsed) && parsed > best)
            {
                best = parsed;
            }
        }
        return best;
    }

    private Task Deny(HttpContext context, int status, string detail)
    {
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = basic.Enabled
                ? "Basic realm=\"vigil\", Bearer realm=\"vigil\""
                : "Bearer realm=\"vigil\"";
        }
        // amtool (a go-swagger client) has no consumer for application/problem+json and would print only "no consumer";
        // Alertmanager's API answers errors as JSON, so the Alertmanager API's refusals are go-swagger's error object.
        if (context.Request.Path.StartsWithSegments("/api/v2", StringComparison.Ordinal))
        {
            return new AlertmanagerApi.AlertmanagerError(status, detail, status).ToResult().ExecuteAsync(context);
        }
        return Results.Problem(detail: detail, statusCode: status).ExecuteAsync(context);
    }
}
