using System.Text;

namespace Vigil.Server.Labels;

/// <summary>FNV-1a 64-bit, fed with UTF-8 bytes, as prometheus/common's fnv.go.</summary>
internal static class Fnv64
{
    public const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    public const byte Separator = 0xFF;

    public static ulong AddByte(ulong h, byte b)
    {
        h ^= b;
        return h * Prime;
    }

    public static ulong AddString(ulong h, string s)
    {
        // Label names and values are short; encode on the stack when we can.
        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        Span<byte> buffer = max <= 512 ? stackalloc byte[max] : new byte[max];
        var n = Encoding.UTF8.GetBytes(s, buffer);
        foreach (var b in buffer[..n])
        {
            h ^= b;
            h *= Prime;
        }
        return h;
    }
}
