using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Server.Security;

/// <summary>Verifies a client certificate against <c>client_ca_file</c> only (never the system's roots), as Go's <c>ClientCAs</c> does.</summary>
internal sealed class ClientCertificateCheck(TlsServerConfig tls)
{
    private readonly X509Certificate2Collection _roots = Roots(tls);

    public bool Accepts(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        _ = errors; // judged against the configured CAs below, not the platform's store
        if (certificate is null)
        {
            return tls.ClientAuth is not (ClientAuthType.RequireAnyClientCert or ClientAuthType.RequireAndVerifyClientCert);
        }
        if (tls.ClientAuth is ClientAuthType.RequestClientCert or ClientAuthType.RequireAnyClientCert)
        {
            return true;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")); // client authentication
        return chain.Build(certificate);
    }

    private static X509Certificate2Collection Roots(TlsServerConfig tls)
    {
        var roots = new X509Certificate2Collection();
        if (tls.ClientCaFile is { } file)
        {
            roots.ImportFromPemFile(file);
        }
        return roots;
    }
}
