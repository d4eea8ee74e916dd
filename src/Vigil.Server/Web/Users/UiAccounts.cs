using System.Security.Cryptography;
using System.Text;
using Vigil.Server.Web.Sessions;

namespace Vigil.Server.Web.Users;

/// <summary>How a local user becomes a signed-in <see cref="UiUser"/>.</summary>
public static class UiAccounts
{
    /// <summary>The <see cref="UiUser.Via"/> of a password session.</summary>
    public const string Via = "password";

    public static UiUser User(UiAccount account, string via) => new(account.Name, account.Role, via) { Person = account.Person };

    /// <summary>A short digest of the password hash kept in the session cookie: a new password makes older sessions invalid.</summary>
    public static string Stamp(UiAccount account) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(account.PasswordHash)).AsSpan(0, 8));
}
