using System.Security.Cryptography;
using System.Text;

namespace Vigil.Server.Security;

/// <summary>Bearer tokens: 32 random bytes, shown once; only their SHA-256 is stored.</summary>
public static class ApiTokens
{
    public const string Prefix = "vgl_";

    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
