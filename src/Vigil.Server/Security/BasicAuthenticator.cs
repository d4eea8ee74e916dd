using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Server.Security;

/// <summary>
/// Checks <c>Authorization: Basic</c> against <c>basic_auth_users</c>. bcrypt costs tens of milliseconds by design, so a
/// password that was right once is remembered (by a hash of user, password and stored hash — never the password) as the
/// exporter toolkit does, and Prometheus sending every few seconds does not pay it each time.
/// </summary>
internal sealed class BasicAuthenticator(WebConfig web)
{
    private readonly ConcurrentDictionary<string, byte> _verified = new(StringComparer.Ordinal);

    public bool Enabled => web.Users.Count > 0;

    /// <summary>The user for a valid <c>Basic</c> credential (the text after "Basic "), else null.</summary>
    public BasicAuthUser? Authenticate(string credential)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credential.Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !web.Users.TryGetValue(decoded[..colon], out var user))
        {
            return null;
        }
        var password = decoded[(colon + 1)..];
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user.Name + "\n" + password + "\n" + user.Hash)));
        if (_verified.ContainsKey(key))
        {
            return user;
        }
        if (!BCrypt.Net.BCrypt.Verify(password, user.Hash))
        {
            return null;
        }
        _verified[key] = 0;
        return user;
    }
}
