using System.Collections.Concurrent;

namespace Vigil.Server.Labels;

/// <summary>
/// A bounded intern pool for label names and short label/annotation values, so 100k alerts share one
/// "severity" and one "critical" rather than holding 100k copies each (RSS), and a hit allocates nothing
/// (GC). Bounded so unique values (instance ids) cannot grow it without limit: once full, misses simply
/// allocate. Entries are never evicted; a pool that filled with one-off values costs at most
/// <see cref="MaxEntries"/> short strings.
/// </summary>
public static class StringPool
{
    /// <summary>Default 262,144 entries.</summary>
    public const int MaxEntries = 256 * 1024;

    /// <summary>Longer strings are not pooled (they are rarely repeated and cost the most to keep).</summary>
    public const int MaxLength = 64;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Pool.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int _count;

    /// <summary>The pooled string equal to <paramref name="chars"/>, adding it while there is room.</summary>
    public static string Get(ReadOnlySpan<char> chars)
    {
        if (chars.Length == 0)
        {
            return "";
        }
        if (chars.Length > MaxLength)
        {
            return new string(chars);
        }
        if (Lookup.TryGetValue(chars, out var hit))
        {
            return hit;
        }
        var s = new string(chars);
        // ConcurrentDictionary.Count takes every lock, so count additions ourselves (approximately is enough).
        if (Volatile.Read(ref _count) < MaxEntries && Pool.TryAdd(s, s))
        {
            Interlocked.Increment(ref _count);
        }
        return s;
    }
}
