using System.Net;
using System.Net.Http.Headers;

namespace Vigil.Bench;

/// <summary>Keep-alive HTTP clients for loopback load; one per role so probes never queue behind bulk traffic.</summary>
internal static class BenchHttp
{
    public static HttpClient Create(Uri baseUrl, string? token, int maxConnections, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, maxConnections),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = timeout };
        if (!string.IsNullOrEmpty(token))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Only loopback targets: this tool must never send load anywhere else.</summary>
    public static Uri LoopbackUrl(string url)
    {
        var uri = new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
        if (!uri.IsLoopback)
        {
            throw new ArgumentException($"refusing non-loopback target {url}");
        }

        return uri;
    }
}
