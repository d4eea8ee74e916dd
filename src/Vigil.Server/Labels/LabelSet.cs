using System.Collections;
using System.Text;

namespace Vigil.Server.Labels;

/// <summary>
/// An immutable set of label pairs, sorted by name (ordinal), with its fingerprint computed once.
/// Empty values are dropped on construction, as Alertmanager drops them before validating.
/// <para>
/// A set is a slice of a pair array. Sets made one by one own theirs; the alerts of one snapshot part restored at
/// start share one array (<see cref="FromStored"/>), so a restart does not make a million small arrays for the garbage
/// collector to copy from generation to generation. The array stays while any of those sets does.
/// </para>
/// </summary>
public sealed class LabelSet : IReadOnlyList<KeyValuePair<string, string>>, IEquatable<LabelSet>
{
    public static readonly LabelSet Empty = new([]);

    private readonly KeyValuePair<string, string>[] _array;
    private readonly int _start;
    private readonly int _count;

    // 0 until computed (a set whose fingerprint is 0 computes it each time): no flag beside it, so a set is 40 bytes, not 48.
    private ulong _fingerprint;

    private LabelSet(KeyValuePair<string, string>[] sortedPairs)
        : this(sortedPairs, 0, sortedPairs.Length)
    {
    }

    private LabelSet(KeyValuePair<string, string>[] array, int start, int count)
    {
        _array = array;
        _start = start;
        _count = count;
    }

    private ReadOnlySpan<KeyValuePair<string, string>> Pairs => new(_array, _start, _count);

    /// <summary>Computed on first use and cached.</summary>
    public Fingerprint Fingerprint
    {
        get
        {
            if (_fingerprint == 0)
            {
                _fingerprint = ComputeFingerprint(Pairs).Value;
            }
            return new Fingerprint(_fingerprint);
        }
    }

    public int Count => _count;

    public KeyValuePair<string, string> this[int index] => Pairs[index];

    public static LabelSet From(IEnumerable<KeyValuePair<string, string>> pairs) => From(pairs, keepEmptyValues: false);

    /// <summary>Annotations keep empty values; labels drop them.</summary>
    public static LabelSet From(IEnumerable<KeyValuePair<string, string>> pairs, bool keepEmptyValues)
    {
        var buffer = pairs.TryGetNonEnumeratedCount(out var n) ? new KeyValuePair<string, string?>[n] : new KeyValuePair<string, string?>[8];
        var count = 0;
        foreach (var p in pairs)
        {
            if (p.Value is null || (!keepEmptyValues && p.Value.Length == 0))
            {
                continue;
            }
            if (count == buffer.Length)
            {
                Array.Resize(ref buffer, count * 2);
            }
            buffer[count++] = new KeyValuePair<string, string?>(p.Key, p.Value);
        }
        return FromScratch(buffer.AsSpan(0, count), keepEmptyValues);
    }

    /// <summary>
    /// Builds a set from pairs as a JSON object lists them, sorting <paramref name="scratch"/> in place:
    /// a later duplicate name replaces an earlier one (even with null), and only then are null values
    /// (and, for labels, empty ones) dropped, as deserialising into a dictionary first would.
    /// Allocates only the result.
    /// </summary>
    public static LabelSet FromScratch(Span<KeyValuePair<string, string?>> scratch, bool keepEmptyValues)
    {
        // Insertion sort: stable (so "later" stays later among equal names) and fastest for the few labels an alert has.
        for (var i = 1; i < scratch.Length; i++)
        {
            var item = scratch[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(scratch[j].Key, item.Key) > 0)
            {
                scratch[j + 1] = scratch[j];
                j--;
            }
            scratch[j + 1] = item;
        }
        var kept = 0;
        for (var i = 0; i < scratch.Length; i++)
        {
            if (Keeps(scratch, i, keepEmptyValues))
            {
                kept++;
            }
        }
        if (kept == 0)
        {
            return Empty;
        }
        var result = new KeyValuePair<string, string>[kept];
        var k = 0;
        for (var i = 0; i < scratch.Length; i++)
        {
            if (Keeps(scratch, i, keepEmptyValues))
            {
                result[k++] = new KeyValuePair<string, string>(scratch[i].Key, scratch[i].Value!);
            }
        }
        return new LabelSet(result);
    }

    private static bool Keeps(Span<KeyValuePair<string, string?>> sorted, int i, bool keepEmptyValues)
    {
        var value = sorted[i].Value;
        return (i + 1 == sorted.Length || !string.Equals(sorted[i + 1].Key, sorted[i].Key, StringComparison.Ordinal)) &&
            value is not null && (keepEmptyValues || value.Length > 0);
    }

    /// <summary>
    /// A set from <paramref name="count"/> pairs of <paramref name="block"/> from <paramref name="start"/>, already
    /// sorted and filtered (as a snapshot stored them), kept as given (the block must not change after), with its
    /// fingerprint when known: a restart builds a million of these.
    /// </summary>
    internal static LabelSet FromStored(KeyValuePair<string, string>[] block, int start, int count, Fingerprint? fingerprint)
    {
        var set = new LabelSet(block, start, count);
        if (fingerprint is { } fp)
        {
            set._fingerprint = fp.Value;
        }
        return set;
    }

    public static LabelSet Of(params (string Name, string Value)[] pairs) =>
        From(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    public string? Get(string name)
    {
        var lo = 0;
        var pairs = Pairs;
        var hi = pairs.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = string.CompareOrdinal(pairs[mid].Key, name);
            if (c == 0)
            {
                return pairs[mid].Value;
            }
            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return null;
    }

    /// <summary>The value of <paramref name="name"/>, or "" when absent (Prometheus' convention).</summary>
    public string ValueOrEmpty(string name) => Get(name) ?? "";

    public bool Contains(string name) => Get(name) is not null;

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public LabelSet With(string name, string value) =>
        From(this.Where(p => p.Key != name).Append(new KeyValuePair<string, string>(name, value)));

    /// <summary>Only the named labels (those present).</summary>
    public LabelSet Only(IEnumerable<string> names) =>
        Only(names as IReadOnlySet<string> ?? new HashSet<string>(names, StringComparer.Ordinal));

    /// <summary>Only the named labels (those present); this very set when it has no others. The set must compare ordinally.</summary>
    public LabelSet Only(IReadOnlySet<string> names)
    {
        var kept = 0;
        foreach (var p in Pairs)
        {
            if (names.Contains(p.Key))
            {
                kept++;
            }
        }
        if (kept == _count)
        {
            return this;
        }
        if (kept == 0)
        {
            return Empty;
        }
        var result = new KeyValuePair<string, string>[kept];
        var k = 0;
        foreach (var p in Pairs)
        {
            if (names.Contains(p.Key))
            {
                result[k++] = p;
            }
        }
        return new LabelSet(result);
    }

    /// <summary>The fingerprint <c>Only(names)</c> would have, without building it.</summary>
    public Fingerprint FingerprintOfOnly(IReadOnlySet<string> names)
    {
        var h = Fnv64.Offset;
        foreach (var p in Pairs)
        {
            if (names.Contains(p.Key))
            {
                h = Fnv64.AddString(h, p.Key);
                h = Fnv64.AddByte(h, Fnv64.Separator);
                h = Fnv64.AddString(h, p.Value);
                h = Fnv64.AddByte(h, Fnv64.Separator);
            }
        }
        return new Fingerprint(h);
    }

    public Dictionary<string, string> ToDictionary() =>
        Enumerable.ToDictionary(this, p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>Prometheus' LabelSet.String(): <c>{a="1", b="2"}</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("{");
        var pairs = Pairs;
        for (var i = 0; i < pairs.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }
            sb.Append(pairs[i].Key).Append('=');
            GoQuote.Append(sb, pairs[i].Value);
        }
        return sb.Append('}').ToString();
    }

    public bool Equals(LabelSet? other)
    {
        if (other is null || other.Fingerprint != Fingerprint || other._count != _count)
        {
            return false;
        }
        var pairs = Pairs;
        var others = other.Pairs;
        for (var i = 0; i < pairs.Length; i++)
        {
            if (!string.Equals(pairs[i].Key, others[i].Key, StringComparison.Ordinal) ||
                !string.Equals(pairs[i].Value, others[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    public override int GetHashCode() => Fingerprint.Value.GetHashCode();

    /// <summary>
    /// The pairs in order. A <c>foreach</c> over a label set binds to this struct and allocates nothing; the interface's
    /// enumerator (LINQ, <c>IEnumerable</c> parameters) is the array's, an object per use: 4 % of the bytes a batch
    /// ingest allocated went to those before this existed.
    /// </summary>
    public Enumerator GetEnumerator() => new(_array, _start, _start + _count);

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, string>>)new ArraySegment<KeyValuePair<string, string>>(_array, _start, _count)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)this).GetEnumerator();

    /// <summary>See <see cref="GetEnumerator"/>.</summary>
    public struct Enumerator
    {
        private readonly KeyValuePair<string, string>[] _array;
        private readonly int _end;
        private int _index;

        internal Enumerator(KeyValuePair<string, string>[] array, int start, int end)
        {
            _array = array;
            _end = end;
            _index = start - 1;
        }

        public readonly KeyValuePair<string, string> Current => _array[_index];

        public bool MoveNext() => ++_index < _end;
    }

    private static Fingerprint ComputeFingerprint(ReadOnlySpan<KeyValuePair<string, string>> pairs)
    {
        var h = Fnv64.Offset;
        foreach (var p in pairs)
        {
            h = Fnv64.AddString(h, p.Key);
            h = Fnv64.AddByte(h, Fnv64.Separator);
            h = Fnv64.AddString(h, p.Value);
            h = Fnv64.AddByte(h, Fnv64.Separator);
        }
        return new Fingerprint(h);
    }
}
