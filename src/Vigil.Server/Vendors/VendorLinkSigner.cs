using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Server.Storage;

namespace Vigil.Server.Vendors;

/// <summary>
/// Signs the link a vendor acknowledges a ticket with: <c>sig</c> = base64url(HMAC-SHA256(key, "TICKET.ACTION")), keyed by a
/// random secret kept in <c>server_secrets</c> (<see cref="SecretName"/>), so every node and restart accepts the same links and
/// <c>vigil secrets rotate vendor-links</c> refuses the old ones at once (checks read the key from the database each time).
/// A link names one ticket and one action, so it can do nothing else; it does not expire (a ticket can wait days).
/// </summary>
public sealed class VendorLinkSigner(ServerSecrets secrets)
{
    public const string SecretName = "vendor_link_hmac";

    /// <summary>The signing key, created on first use; read it before a transaction that signs (it writes on first use).</summary>
    public Task<byte[]> KeyAsync(CancellationToken ct) => secrets.GetOrCreateAsync(SecretName, ct);

    /// <summary>True when <paramref name="sig"/> is the signature of <paramref name="action"/> on <paramref name="ticketId"/> under the current key.</summary>
    public async Task<bool> VerifyAsync(long ticketId, string action, string? sig, CancellationToken ct)
    {
        if (sig is not { Length: > 0 and < 100 })
        {
            return false;
        }
        var key = await secrets.CurrentAsync(SecretName, ct).ConfigureAwait(false);
        var expected = Encoding.ASCII.GetBytes(Sign(key, ticketId, action));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig));
    }

    public static string Sign(byte[] key, long ticketId, string action) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{ticketId}.{action}"))));
}
