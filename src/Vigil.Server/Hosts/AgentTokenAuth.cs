using Vigil.Server.Security;

namespace Vigil.Server.Hosts;

/// <summary>
/// Agent endpoints are open to the API-token middleware and check the agent token here instead: the host it is
/// bound to, or a 401 naming what is wrong. An agent token is good for its agent's endpoints and nothing else.
/// </summary>
internal static class AgentTokenAuth
{
    public static async Task<(string? Host, IResult? Problem)> AuthenticateAsync(HttpContext http, AgentTokenStore tokens, CancellationToken ct)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"vigil\"";
            return (null, Results.Problem(detail: "missing agent token: send 'Authorization: Bearer <token from vigil agent token create HOST>'", statusCode: 401));
        }
        var boundHost = await tokens.HostOfAsync(ApiTokens.Hash(header["Bearer ".Length..].Trim()), ct);
        if (boundHost is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"vigil\"";
            return (null, Results.Problem(detail: "invalid or revoked agent token", statusCode: 401));
        }
        return (boundHost, null);
    }

    /// <summary>Who the agent is, for the audit log: <c>agent:HOST</c> and its address.</summary>
    public static Caller CallerOf(HttpContext http, string host) =>
        new($"agent:{host}", Scope.Write, http.Connection.RemoteIpAddress?.ToString() ?? "");
}
