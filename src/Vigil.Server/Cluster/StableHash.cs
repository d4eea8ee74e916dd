using System.Security.Cryptography;
using System.Text;

namespace Vigil.Server.Cluster;

/// <summary>A hash of a text that is the same on every node and every version (unlike <see cref="string.GetHashCode()"/>).</summary>
public static class StableHash
{
    public static ulong Of(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return BitConverter.ToUInt64(digest[..8]);
    }
}
