using System.Security.Cryptography;
using System.Text;
using Vigil.Server.Storage;

namespace Vigil.Server.Oncall;

/// <summary>
/// The secrets in iCalendar feed URLs: HMAC-SHA256 of the feed's kind and name under a server key kept in the
/// database (table <c>server_secrets</c>), so every node on one database agrees and the URL survives restarts.
/// </summary>
public sealed class FeedSecrets(ServerSecrets secrets)
{
    private const string KeyName = "ical-feed-key";
    private byte[]? _key;

    /// <summary>The secret for a feed, e.g. kind <c>schedules</c> and name <c>primary</c>: 32 hex characters.</summary>
    public async Task<string> SecretAsync(string kind, string name, CancellationToken ct)
    {
        var key = _key ??= await LoadKeyAsync(ct);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(kind + ":" + name)))[..32];
    }

    public async Task<bool> VerifyAsync(string kind, string name, string given, CancellationToken ct)
    {
        var expected = Encoding.ASCII.GetBytes(await SecretAsync(kind, name, ct));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(given));
    }

    private Task<byte[]> LoadKeyAsync(CancellationToken ct) => secrets.GetOrCreateAsync(KeyName, ct);
}
