using System.Security.Cryptography;
using Vigil.Contracts.Agents;
using Vigil.Server.Hosting;

namespace Vigil.Server.Actions;

/// <summary>
/// The server's action signing key: an ECDSA P-256 key pair kept in <c>DATA/agent-actions.key</c> (PKCS#8 PEM, mode
/// 0600), created at first start. It is deliberately not in the database: whoever can read (or write) the database
/// cannot sign a request an agent accepts. Agents hold the public key (<see cref="PublicKey"/>) as <c>server_key</c>.
/// Several servers on one PostgreSQL must share the file.
/// </summary>
public sealed class ActionSigner(VigilServerOptions options) : IDisposable
{
    public const string FileName = "agent-actions.key";

    private ECDsa? _key;

    private string? _keyId;

    public string Path => System.IO.Path.GetFullPath(System.IO.Path.Combine(options.DataDir, FileName));

    /// <summary>The public key, as an agent's <c>server_key</c> names it.</summary>
    public string PublicKey => ActionSigning.PublicKeyOf(Key);

    public string KeyId => _keyId ?? throw new InvalidOperationException("the action key is not loaded; call Load at start");

    private ECDsa Key => _key ?? throw new InvalidOperationException("the action key is not loaded; call Load at start");

    /// <summary>Reads the key file, or creates it (readable by the owner only) on first start.</summary>
    /// <exception cref="InvalidDataException">The file exists but holds no usable P-256 private key.</exception>
    public void Load()
    {
        if (!File.Exists(Path))
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var temp = Path + ".tmp";
            var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var file = new StreamWriter(temp, create))
            {
                file.Write(fresh.ExportPkcs8PrivateKeyPem());
            }
            try
            {
                File.Move(temp, Path, overwrite: false);
            }
            catch (IOException) when (File.Exists(Path))
            {
                // Another start got there first; use its key.
                File.Delete(temp);
            }
        }
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(Path));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidDataException($"{Path}: not an ECDSA P-256 private key in PEM: {e.Message}", e);
        }
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidDataException($"{Path}: the action key must be P-256, not {key.KeySize} bits");
        }
        _key = key;
        _keyId = ActionSigning.KeyIdOf(key);
    }

    public SignedActionRequest Sign(ActionRequest request) => ActionSigning.Sign(request, Key, KeyId);

    public void Dispose() => _key?.Dispose();
}
