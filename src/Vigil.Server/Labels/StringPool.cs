namespace Vigil.Server.Labels;

/// <summary>
/// An intern cache for label names and short label/annotation values, so 100k alerts share one "severity" and one
/// "critical" rather than holding 100k copies each (RSS), and a hit allocates nothing (GC).
/// <para>
/// Direct-mapped: a fixed table of <see cref="Slots"/> entries (a string and its hash), each value looked up in the one
/// slot its hash names, a miss taking the slot over. A lookup is one hash and one read of a table small enough to
/// stay in the CPU's cache; the held string is only compared when the hashes agree, so a one-off value costs no
/// second cache miss. No lock, no allocation on a hit, and the table never grows. Values that repeat stay in their slots because they are asked for again long before
/// one-off values (instance ids, request ids) that hash to the same slot push them out; a value pushed out is
/// simply made again once (one more copy, not one per alert). The earlier dictionary pool filled up with one-off
/// values, and then every lookup was a cache miss in a 256k-entry table (6 % of the server's CPU at ingest) and
/// values first seen after that were never pooled at all.
/// </para>
/// </summary>
public static class StringPool
{
    /// <summary>Table size: 16,384 slots (256 KiB).</summary>
    public const int Slots = 16 * 1024;

    /// <summary>Longer strings are not pooled (they are rarely repeated and cost the most to keep).</summary>
    public const int MaxLength = 64;

    private static readonly Entry[] Table = new Entry[Slots];

    /// <summary>The pooled string equal to <paramref name="chars"/>, or a new one that takes its slot.</summary>
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
        var hash = string.GetHashCode(chars);
        ref var entry = ref Table[(uint)hash & (Slots - 1)];
        // Another thread may replace the entry meanwhile, so the hash and the string read here may come from two
        // different writes: the content is compared whenever the hashes agree, so that costs at most a miss.
        var held = entry.Value;
        if (entry.Hash == hash && held is not null && chars.SequenceEqual(held))
        {
            return held;
        }
        var made = new string(chars);
        entry.Value = made;
        entry.Hash = hash;
        return made;
    }

    private struct Entry
    {
        public int Hash;
        public string? Value;
    }
}
