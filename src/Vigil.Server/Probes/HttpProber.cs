using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Server.Probes;

/// <summary>
/// An <c>http</c> probe. Each run opens a new connection (as the blackbox exporter and HAProxy's checks do), so
/// every run checks the whole way in (accept, TLS handshake, certificate) and 10,000 probes hold no idle sockets;
/// each probe has its own handler, so a slow target never holds a connection another probe needs.
/// </summary>
internal sealed class HttpProber : IProber
{
    private readonly HttpProbeSpec _spec;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http;
    private DateTimeOffset? _certExpiry;

    public HttpProber(HttpProbeSpec spec, TimeProvider clock)
    {
        _spec = spec;
        _clock = clock;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            PooledConnectionLifetime = TimeSpan.Zero, // no reuse: a connection serves one run
            MaxConnectionsPerServer = 2,
            UseCookies = false,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
        };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public async Task<ProbeResult> RunAsync(CancellationToken ct)
    {
        var started = _clock.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(_spec.Method), _spec.Url);
            foreach (var (name, value) in _spec.Headers)
            {
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content ??= new ByteArrayContent([]);
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            string? body = null;
            if (_spec.BodyRegex is not null)
            {
                body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            }
            var elapsed = _clock.GetElapsedTime(started);
            if (!_spec.StatusPasses(status))
            {
                return ProbeResult.Fail(elapsed, $"unexpected status {status}", _certExpiry);
            }
            if (_spec.BodyRegex is { } regex && !regex.IsMatch(body!))
            {
                return ProbeResult.Fail(elapsed, $"body does not match /{regex}/", _certExpiry);
            }
            if (_certExpiry is { } expiry && _spec.CertExpiryWarningDays > 0
                && expiry - _clock.GetUtcNow() < TimeSpan.FromDays(_spec.CertExpiryWarningDays))
            {
                return ProbeResult.Fail(elapsed, $"certificate expires {expiry:yyyy-MM-ddTHH:mm:ssZ}, within {_spec.CertExpiryWarningDays} days", expiry);
            }
            return ProbeResult.Pass(elapsed, _certExpiry);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ProbeResult.Fail(_clock.GetElapsedTime(started), "timed out", _certExpiry);
        }
        catch (HttpRequestException e)
        {
            return ProbeResult.Fail(_clock.GetElapsedTime(started), Reason(e), _certExpiry);
        }
    }

    public void Dispose() => _http.Dispose();

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        DateTimeOffset? earliest = null;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                var notAfter = new DateTimeOffset(element.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
                earliest = earliest is { } e && e < notAfter ? e : notAfter;
            }
        }
        if (earliest is null && certificate is X509Certificate2 leaf)
        {
            earliest = new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        }
        _certExpiry = earliest;
        return !_spec.VerifyTls || errors == SslPolicyErrors.None;
    }

    private static string Reason(HttpRequestException e)
    {
        var inner = e.InnerException?.Message;
        return inner is { Length: > 0 } && !e.Message.Contains(inner, StringComparison.Ordinal) ? $"{e.Message} ({inner})" : e.Message;
    }
}
