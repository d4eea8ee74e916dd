using System.Security.Cryptography;
using System.Text;
using Vigil.Server.Storage;

namespace Vigil.Server.Oncall;

/// <summary>
/// The secrets in iCalendar feed URLs: HMAC-SHA256 of the feed's kind and name under a server key kept in the
/// database (table <c>server_secrets</c>), so every node on one database agrees and the URL survives restarts.
/// The key is read at each use (a calendar polls rarely), so after <c>vigil secrets rotate --name ical</c> old
/// feed URLs are refused at once on every node.
/// </summary>
public sealed class FeedSecrets(ServerSecrets secrets)
{
    /// <summary>Its row in <c>server_secrets</c>.</summary>
    public const string KeyName = "ical-feed-key";

    /// <summary>The secret for a feed, e.g. kind <c>schedules</c> and name <c>primary</c>: 32 hex characters.</summary>
    public async Task<string> SecretAsync(string kind, string name, CancellationToken ct)
    {
        var key = await secrets.CurrentAsync(KeyName, ct).ConfigureAwait(false);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(kind + ":" + name)))[..32];
    }

    public async Task<bool> VerifyAsync(string kind, string name, string given, CancellationToken ct)
    {
        var expected = Encoding.ASCII.GetBytes(await SecretAsync(kind, name, ct));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(given));
    }
}
