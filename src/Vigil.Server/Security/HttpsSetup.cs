using System.Net.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Vigil.Server.Security;

/// <summary>Turns <c>tls_server_config</c> into Kestrel's HTTPS options, the way Go's <c>tls.Config</c> reads it.</summary>
internal static class HttpsSetup
{
    /// <summary>TLS 1.3's suites: Go ignores <c>cipher_suites</c> for TLS 1.3, so a list of TLS 1.2 suites must not disable it.</summary>
    private static readonly TlsCipherSuite[] Tls13Suites =
        [TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256];

    public static void UseHttpsFrom(this ListenOptions listen, TlsServerConfig tls, CertificateSource certificates)
    {
        var check = new ClientCertificateCheck(tls);
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificateSelector = (_, _) => certificates.Current(),
            SslProtocols = tls.Protocols,
            ClientCertificateMode = tls.ClientAuth switch
            {
                ClientAuthType.NoClientCert => ClientCertificateMode.NoCertificate,
                ClientAuthType.RequestClientCert or ClientAuthType.VerifyClientCertIfGiven => ClientCertificateMode.AllowCertificate,
                _ => ClientCertificateMode.RequireCertificate,
            },
            ClientCertificateValidation = (certificate, _, errors) => check.Accepts(certificate, errors),
            OnAuthenticate = (_, ssl) =>
            {
                // Linux and macOS only; Windows takes its suites from the system's policy.
                if (tls.CipherSuites.Count > 0 && !OperatingSystem.IsWindows())
                {
                    ssl.CipherSuitesPolicy = new CipherSuitesPolicy([.. tls.CipherSuites, .. Tls13Suites]);
                }
            },
        });
    }
}
