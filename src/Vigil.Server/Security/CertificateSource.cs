using Microsoft.Extensions.Logging;

using System.Security.Cryptography.X509Certificates;

namespace Vigil.Server.Security;

/// <summary>
/// The server certificate of <c>tls_server_config</c>, re-read when its files change so a renewed certificate (certbot,
/// cert-manager) is served without a restart, as the exporter toolkit does. A file caught half-written, or a pair that
/// does not match, keeps the previous certificate in service and is tried again on a later handshake.
/// </summary>
internal sealed class CertificateSource(TlsServerConfig tls, TimeProvider clock, ILogger logger)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private X509Certificate2? _current;
    private (DateTime Cert, DateTime Key) _stamp;
    private long _checkedAt = long.MinValue;

    /// <summary>Loads the certificate now; a start with files that cannot be read fails here, not on the first handshake.</summary>
    public X509Certificate2 Load()
    {
        lock (_gate)
        {
            _stamp = Stamp();
            _current = Read();
            _checkedAt = clock.GetTimestamp();
            return _current;
        }
    }

    /// <summary>The certificate to present on a handshake: the current one, re-read at most once a second when the files changed.</summary>
    public X509Certificate2 Current()
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            if (_current is not null && clock.GetElapsedTime(_checkedAt, now) < CheckEvery)
            {
                return _current;
            }
            _checkedAt = now;
            var stamp = Stamp();
            if (_current is not null && stamp == _stamp)
            {
                return _current;
            }
            try
            {
                var fresh = Read();
                _current = fresh;
                _stamp = stamp;
                TlsLog.CertificateReloaded(logger, tls.CertFile, fresh.Subject, fresh.NotAfter);
            }
            catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                TlsLog.CertificateReloadFailed(logger, tls.CertFile, e.Message);
            }
            return _current!;
        }
    }

    private X509Certificate2 Read()
    {
        using var pem = X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile);
        // SslStream on Linux wants a certificate whose key it can use outside the PEM import's ephemeral handle.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private (DateTime, DateTime) Stamp() => (File.GetLastWriteTimeUtc(tls.CertFile), File.GetLastWriteTimeUtc(tls.KeyFile));
}
