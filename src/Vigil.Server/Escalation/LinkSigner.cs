using System.Buffers.Text;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Server.Storage;

namespace Vigil.Server.Escalation;

/// <summary>
/// Signs and checks the acknowledge/resolve links in notifications: <c>base64url(page.action.expiry.nonce)</c> + "." +
/// <c>base64url(HMAC-SHA256)</c>, keyed by a random secret created once and kept in the database (table
/// <c>server_secrets</c>), so every node and every restart accepts the same links. <c>vigil secrets rotate</c>
/// replaces the secret: checks read it from the database each time, so old links are refused at once on every node,
/// and signing picks it up before each transaction's page messages are written (<see cref="RefreshAsync"/>).
/// </summary>
public sealed class LinkSigner(ServerSecrets secrets)
{
    /// <summary>Its row in <c>server_secrets</c>.</summary>
    public const string SecretName = "page_link_hmac";

    private byte[] _key = [];

    /// <summary>Loads the secret, creating it on first start. Call before serving.</summary>
    public async Task LoadAsync(CancellationToken ct) => _key = await secrets.GetOrCreateAsync(SecretName, ct).ConfigureAwait(false);

    /// <summary>The secret links are signed with now (as last loaded or refreshed).</summary>
    public byte[] Key => _key;

    /// <summary>Takes the secret as the caller's transaction sees it (after a rotation on any node), before signing in it.</summary>
    public async Task RefreshAsync(DbConnection conn, DbTransaction tx, CancellationToken ct) =>
        _key = await ServerSecrets.ReadAsync(conn, tx, SecretName, ct).ConfigureAwait(false) ?? _key;

    /// <summary>The secret as stored now, read outside any transaction (to sign ahead of one; see <see cref="RefreshAsync"/>).</summary>
    public async Task<byte[]> CurrentAsync(CancellationToken ct) => _key = await secrets.CurrentAsync(SecretName, ct).ConfigureAwait(false);

    /// <summary>Like <see cref="Verify"/>, against the secret in the database now (so a rotated one is refused at once).</summary>
    public async Task<PageLink?> VerifyAsync(string token, CancellationToken ct)
    {
        _key = await secrets.CurrentAsync(SecretName, ct).ConfigureAwait(false);
        return Verify(token);
    }

    public string Sign(PageLink link) => Sign(link, _key);

    private static string Sign(PageLink link, byte[] key)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{link.PageId}.{link.Action}.{link.ExpiresAt.ToUnixTimeSeconds()}.{link.Nonce}");
        var bytes = Encoding.UTF8.GetBytes(body);
        return Base64Url.EncodeToString(bytes) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, bytes));
    }

    /// <summary>The link a token stands for, or null when it is malformed or its signature is wrong (expiry is checked by the caller).</summary>
    public PageLink? Verify(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || _key.Length == 0)
        {
            return null;
        }
        byte[] body, mac;
        try
        {
            body = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(_key, body)))
        {
            return null;
        }
        var parts = Encoding.UTF8.GetString(body).Split('.');
        return parts.Length == 4
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            ? new PageLink(id, parts[1], DateTimeOffset.FromUnixTimeSeconds(expires), parts[3])
            : null;
    }

    /// <summary>
    /// A fresh link for <paramref name="action"/> on <paramref name="pageId"/>, valid for <paramref name="ttl"/>, signed with
    /// <paramref name="key"/> (default: <see cref="Key"/>).
    /// </summary>
    public string Create(long pageId, string action, DateTimeOffset now, TimeSpan ttl, byte[]? key = null) =>
        Sign(new PageLink(pageId, action, now + ttl, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))), key ?? _key);
}
