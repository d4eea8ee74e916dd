using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Server.Notify.Integrations;

/// <summary>Prometheus' tls_config trust: the configured CAs (or the system's) and <c>server_name</c> (or the host dialled).</summary>
internal static class TlsTrust
{
    /// <summary>The chain ends in one of the configured CAs (or the system's, when none is given) and the name matches server_name or the URL's host.</summary>
    public static bool Trusted(X509Certificate2 certificate, SslPolicyErrors errors, X509Certificate2Collection roots, string? serverName)
    {
        var nameOk = serverName is null ? (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 : certificate.MatchesHostname(serverName);
        if (roots.Count == 0)
        {
            return nameOk && (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return nameOk && chain.Build(certificate);
    }
}
