namespace Vigil.Server.Notify;

/// <summary>
/// How Vigil keeps its connections to receivers (webhooks, chat and paging services, plan webhook steps). An idle
/// connection is kept for 5 minutes, as Alertmanager keeps them (prometheus/common's HTTP client: "5 minutes is
/// typically above the maximum sane scrape interval"), rather than .NET's default of 1 minute: the first page after a
/// quiet few minutes then goes out on an open connection, with no new TCP and TLS handshake in its way. No connection
/// lives longer than 5 minutes either, so a receiver that moved in DNS is found again.
/// </summary>
internal static class ReceiverConnections
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>A handler with no cookies and the pooling above; callers add redirects, proxy and TLS.</summary>
    public static SocketsHttpHandler Handler() => new()
    {
        UseCookies = false,
        PooledConnectionIdleTimeout = IdleTimeout,
        PooledConnectionLifetime = Lifetime,
    };
}
