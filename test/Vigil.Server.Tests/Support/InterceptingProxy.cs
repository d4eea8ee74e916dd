using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// An HTTP proxy on 127.0.0.1 that answers CONNECT itself and terminates the TLS with a certificate of the test CA for
/// the requested host, so a client whose <c>http_config</c> has <c>proxy_url</c> and trusts that CA (<c>tls_config.ca_file</c>)
/// shows the requests it sends to a fixed HTTPS URL (Pushover's API, PagerDuty's v1 endpoint). Records each request as
/// a <see cref="SinkRequest"/> (path with query as sent inside the tunnel) and answers 200 with <see cref="ResponseBody"/>.
/// </summary>
public sealed class InterceptingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly TestCertificates _certificates;
    private readonly ConcurrentQueue<SinkRequest> _requests = new();
    private readonly ConcurrentDictionary<string, System.Security.Cryptography.X509Certificates.X509Certificate2> _hostCertificates = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private InterceptingProxy(TcpListener listener, TestCertificates certificates)
    {
        _listener = listener;
        _certificates = certificates;
        _accepting = AcceptAsync();
    }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>The CA file clients must trust.</summary>
    public string CaFile => _certificates.CaFile;

    public string ResponseBody { get; set; } = "{\"status\":1}";

    public IReadOnlyList<SinkRequest> Requests => [.. _requests];

    public static InterceptingProxy Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new InterceptingProxy(listener, TestCertificates.Create("intercepting-proxy-ca"));
    }

    public async Task<IReadOnlyList<SinkRequest>> WaitForAsync(int count)
    {
        var got = await Eventually.GetAsync(() => Task.FromResult(Requests), r => r.Count >= count, TimeSpan.FromSeconds(30));
        Assert.True(got.Count >= count, $"{got.Count} of {count} requests went through the proxy {Url}");
        return got;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
        _certificates.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var network = client.GetStream();
            var (requestLine, _) = await ReadHeadAsync(network);
            var parts = requestLine.Split(' ');
            if (parts.Length < 2 || parts[0] != "CONNECT")
            {
                return;
            }
            var host = parts[1].Split(':')[0];
            await network.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), _stop.Token);
            var certificate = _hostCertificates.GetOrAdd(host, h => _certificates.IssueServerFor("host-" + h, h));
            await using var tls = new SslStream(network);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                ApplicationProtocols = [SslApplicationProtocol.Http11],
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            }, _stop.Token);
            while (!_stop.IsCancellationRequested)
            {
                var (line, headers) = await ReadHeadAsync(tls);
                if (line.Length == 0)
                {
                    return;
                }
                var request = line.Split(' ');
                var length = headers.TryGetValue("Content-Length", out var l) ? int.Parse(l, System.Globalization.CultureInfo.InvariantCulture) : 0;
                var body = new byte[length];
                await tls.ReadExactlyAsync(body, _stop.Token);
                _requests.Enqueue(new SinkRequest(request[0], request[1], headers, body));
                var answer = Encoding.UTF8.GetBytes(ResponseBody);
                await tls.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {answer.Length}\r\n\r\n"), _stop.Token);
                await tls.WriteAsync(answer, _stop.Token);
                await tls.FlushAsync(_stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The client closed the tunnel (or the proxy stops): nothing more to record.
        }
    }

    /// <summary>Reads a request head (request line and headers) byte by byte, so nothing of the body is consumed; "" at end of stream.</summary>
    private async Task<(string Line, Dictionary<string, string> Headers)> ReadHeadAsync(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return ("", []);
            }
            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in lines.Skip(1).Where(h => h.Length > 0))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            headers[header[..colon]] = header[(colon + 1)..].Trim();
        }
        return (lines[0], headers);
    }
}
