using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// One HTTP client per distinct <c>http_config</c> (records compare by value, so a reload that keeps a config keeps its
/// client and its connections). Credentials from <c>*_file</c> are read at every request, as Prometheus does, so a
/// rotated token is used without a reload. No cookies, no environment proxy (Prometheus uses only <c>proxy_url</c>).
/// </summary>
internal sealed class HttpClients(TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<HttpClientConfig, Lazy<HttpClient>> _clients = new();

    public HttpClient For(HttpClientConfig config) =>
        _clients.GetOrAdd(config, c => new Lazy<HttpClient>(() => Build(c, clock))).Value;

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(l => l.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }

    private static HttpClient Build(HttpClientConfig config, TimeProvider clock)
    {
        HttpMessageHandler handler = Handler(config.Tls, config.ProxyUrl, config.FollowRedirects);
        if (config.OAuth2 is { } oauth2)
        {
            var tokenClient = new HttpClient(Handler(oauth2.Tls, oauth2.ProxyUrl, followRedirects: true)) { Timeout = TimeSpan.FromSeconds(30) };
            handler = new OAuth2Handler(oauth2, tokenClient, clock) { InnerHandler = handler };
        }
        else if (config.BasicAuth is not null || config.Authorization is not null)
        {
            handler = new AuthorizationHandler(config.BasicAuth, config.Authorization) { InnerHandler = handler };
        }
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        if (!config.EnableHttp2)
        {
            client.DefaultRequestVersion = HttpVersion.Version11;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        return client;
    }

    private static SocketsHttpHandler Handler(TlsClientConfig tls, Uri? proxy, bool followRedirects)
    {
        var handler = ReceiverConnections.Handler();
        handler.AllowAutoRedirect = followRedirects;
        handler.UseProxy = proxy is not null;
        handler.Proxy = proxy is null ? null : new WebProxy(proxy);
        var ssl = handler.SslOptions;
        if (tls.MinVersion is { } min)
        {
            ssl.EnabledSslProtocols = min switch
            {
                "TLS13" => SslProtocols.Tls13,
                _ => SslProtocols.Tls12 | SslProtocols.Tls13,
            };
        }
        if (tls.Cert is not null || tls.CertFile is not null)
        {
            var certificate = tls.Cert is not null
                ? X509Certificate2.CreateFromPem(tls.Cert, tls.Key)
                : X509Certificate2.CreateFromPemFile(tls.CertFile!, tls.KeyFile);
            ssl.ClientCertificates = [certificate];
        }
        var roots = tls.Ca ?? (tls.CaFile is null ? null : File.ReadAllText(tls.CaFile));
        if (tls.InsecureSkipVerify || roots is not null || tls.ServerName is not null)
        {
            var trust = new X509Certificate2Collection();
            if (roots is not null)
            {
                trust.ImportFromPem(roots);
            }
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                tls.InsecureSkipVerify || (certificate is X509Certificate2 cert && TlsTrust.Trusted(cert, errors, trust, tls.ServerName));
        }
        return handler;
    }
}
