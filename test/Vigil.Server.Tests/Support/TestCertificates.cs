using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Server.Tests.Support;

/// <summary>A throwaway CA with a server certificate for 127.0.0.1 and client certificates, written as PEM files.</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly X509Certificate2 _ca;

    private TestCertificates(string folder, X509Certificate2 ca)
    {
        Folder = folder;
        _ca = ca;
    }

    public string Folder { get; }

    public string CaFile => Path.Combine(Folder, "ca.pem");

    public X509Certificate2 Ca => _ca;

    public static TestCertificates Create(string name = "test-ca")
    {
        var folder = Directory.CreateTempSubdirectory("vigil-certs-").FullName;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = TimeProvider.System.GetUtcNow();
        var ca = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        File.WriteAllText(Path.Combine(folder, "ca.pem"), ca.ExportCertificatePem());
        return new TestCertificates(folder, ca);
    }

    /// <summary>A server certificate for 127.0.0.1 and localhost, written as <c>{file}.crt</c>/<c>{file}.key</c>; returns it.</summary>
    public X509Certificate2 IssueServer(string file, string commonName = "vigil-test")
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        return Issue(file, commonName, san.Build(), new Oid("1.3.6.1.5.5.7.3.1"));
    }

    /// <summary>A server certificate for the host name <paramref name="dnsName"/> (a TLS-intercepting proxy stands in for that host).</summary>
    public X509Certificate2 IssueServerFor(string file, string dnsName)
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        return Issue(file, dnsName, san.Build(), new Oid("1.3.6.1.5.5.7.3.1"));
    }

    /// <summary>A client certificate, written as <c>{file}.crt</c>/<c>{file}.key</c>.</summary>
    public X509Certificate2 IssueClient(string file, string commonName) =>
        Issue(file, commonName, null, new Oid("1.3.6.1.5.5.7.3.2"));

    public string CertFile(string file) => Path.Combine(Folder, file + ".crt");

    public string KeyFile(string file) => Path.Combine(Folder, file + ".key");

    private X509Certificate2 Issue(string file, string commonName, X509Extension? san, Oid usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }
        var serial = RandomNumberGenerator.GetBytes(12);
        var now = TimeProvider.System.GetUtcNow();
        using var issued = request.Create(_ca, now.AddDays(-1), now.AddDays(10), serial);
        var withKey = issued.CopyWithPrivateKey(key);
        // Written to a temporary name and moved, so a server re-reading the files never sees half of them.
        var cert = CertFile(file);
        var keyFile = KeyFile(file);
        File.WriteAllText(keyFile + ".tmp", key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(cert + ".tmp", withKey.ExportCertificatePem());
        File.Move(keyFile + ".tmp", keyFile, overwrite: true);
        File.Move(cert + ".tmp", cert, overwrite: true);
        return withKey;
    }

    /// <summary>A handler that trusts only this CA (and, when given, presents <paramref name="client"/>).</summary>
    public HttpClientHandler Handler(X509Certificate2? client = null)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(_ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        if (client is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(X509CertificateLoader.LoadPkcs12(client.Export(X509ContentType.Pkcs12), null));
        }
        return handler;
    }

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
