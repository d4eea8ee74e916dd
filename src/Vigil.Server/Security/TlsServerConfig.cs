using System.Net.Security;
using System.Security.Authentication;

namespace Vigil.Server.Security;

/// <summary><c>tls_server_config</c>: the certificate (re-read when its files change), client certificates, versions and ciphers.</summary>
public sealed record TlsServerConfig
{
    /// <summary><c>cert_file</c>: the server certificate (PEM, with its chain), relative to the web config file.</summary>
    public required string CertFile { get; init; }

    /// <summary><c>key_file</c>: its private key (PEM).</summary>
    public required string KeyFile { get; init; }

    /// <summary><c>client_auth_type</c>. Default <see cref="ClientAuthType.NoClientCert"/>.</summary>
    public ClientAuthType ClientAuth { get; init; }

    /// <summary><c>client_ca_file</c>: the CAs client certificates are verified against; required to verify them.</summary>
    public string? ClientCaFile { get; init; }

    /// <summary><c>min_version</c> (<c>TLS12</c> by default, as the exporter toolkit) and <c>max_version</c> (<c>TLS13</c>).</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary><c>cipher_suites</c> (Go's names, for TLS 1.2); empty: the platform's defaults.</summary>
    public IReadOnlyList<TlsCipherSuite> CipherSuites { get; init; } = [];
}
