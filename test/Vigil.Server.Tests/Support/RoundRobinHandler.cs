namespace Vigil.Server.Tests.Support;

/// <summary>
/// Stands in for a round-robin load balancer with health checks (HAProxy's <c>balance roundrobin</c> with
/// <c>check</c>): whatever address a request names, it goes to the next node that is up now.
/// </summary>
internal sealed class RoundRobinHandler(Func<IReadOnlyList<string>> nodesUp) : DelegatingHandler(new HttpClientHandler())
{
    private int _next = -1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var nodes = nodesUp();
        var node = new Uri(nodes[(int)((uint)Interlocked.Increment(ref _next) % (uint)nodes.Count)]);
        request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = node.Scheme, Host = node.Host, Port = node.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
