using System.Collections;
using System.Text;
using System.Text.Unicode;

namespace Vigil.Server.Labels;

/// <summary>
/// An alert's annotations, kept as UTF-8 in one array: per pair, the name's length (7-bit encoded), the name, the
/// value's length and the value, sorted by name (byte order, which is ordinal order for valid names). A held alert's
/// annotations are read rarely (a notification, a <c>GET</c>, a snapshot) but kept for as long as the alert fires:
/// as a <see cref="LabelSet"/> they were a set, its array and a string per value (summaries and descriptions are
/// rarely shared), ~340 bytes of a bench alert and ~500 MiB of the ~1.4 GiB settled at a million alerts (issue 15,
/// item 5); packed, one array of ~140 bytes. Empty values are kept (Alertmanager keeps them in annotations).
/// The default value is the empty set.
/// <para>
/// A set is a slice of its array. Sets made one by one (a POST) own their array; the alerts of one snapshot part
/// restored at start share one block (<see cref="FromBlock"/>), so a restart does not make a million small arrays
/// for the garbage collector to copy from generation to generation (with <see cref="LabelSet"/>'s shared pairs, a
/// restart at a million alerts went from ~4.0 to ~3.3 s). The block stays while any of those alerts does: a fresh
/// POST of an alert replaces its slice with its own array.
/// </para>
/// </summary>
public readonly struct AnnotationSet : IEquatable<AnnotationSet>, IReadOnlyCollection<KeyValuePair<string, string>>
{
    private readonly byte[]? _array;
    private readonly int _start;
    private readonly int _length;

    private AnnotationSet(byte[] array, int start, int length)
    {
        _array = array;
        _start = start;
        _length = length;
    }

    public static AnnotationSet Empty => default;

    /// <summary>The packed bytes (see the type's summary); empty for the empty set.</summary>
    public ReadOnlySpan<byte> Packed => new(_array, _start, _length);

    public bool IsEmpty => _length == 0;

    public int Count
    {
        get
        {
            var n = 0;
            for (var e = new Cursor(Packed); e.Next(); n++)
            {
            }
            return n;
        }
    }

    /// <summary>The pairs of <paramref name="set"/>, empty values included.</summary>
    public static AnnotationSet From(LabelSet set)
    {
        if (set.Count == 0)
        {
            return Empty;
        }
        var size = 0;
        foreach (var (k, v) in set)
        {
            size += Encoding.UTF8.GetByteCount(k) + Encoding.UTF8.GetByteCount(v);
        }
        var utf8 = new byte[size];
        var pairs = new Utf8Pair[set.Count];
        var at = 0;
        for (var i = 0; i < set.Count; i++)
        {
            var (k, v) = set[i];
            var nameLength = Encoding.UTF8.GetBytes(k, utf8.AsSpan(at));
            var valueLength = Encoding.UTF8.GetBytes(v, utf8.AsSpan(at + nameLength));
            pairs[i] = new Utf8Pair(at, nameLength, at + nameLength, valueLength);
            at += nameLength + valueLength;
        }
        // A label set is in UTF-16 order, which differs from byte order only for names no alert may carry; sorted
        // again (stable), so every set packs the same way, and a name that encodes like the one before it is dropped.
        var sorted = pairs.Order(new ByteOrder(utf8)).ToArray();
        var kept = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (kept == 0 || NameOf(utf8, sorted[kept - 1]).SequenceCompareTo(NameOf(utf8, sorted[i])) != 0)
            {
                sorted[kept++] = sorted[i];
            }
        }
        return Pack(utf8, sorted.AsSpan(0, kept));
    }

    /// <summary>From pairs in any order (a later name replaces an earlier one); null values are dropped, empty ones kept.</summary>
    public static AnnotationSet From(IEnumerable<KeyValuePair<string, string>> pairs) => From(LabelSet.From(pairs, keepEmptyValues: true));

    public static AnnotationSet Of(params (string Name, string Value)[] pairs) =>
        From(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    /// <summary>
    /// A set from bytes packed as this type packs them (a snapshot stored them): checked for shape, UTF-8 and order,
    /// and copied. Anything else is <see cref="InvalidDataException"/>.
    /// </summary>
    public static AnnotationSet FromPacked(ReadOnlySpan<byte> packed) =>
        packed.IsEmpty ? Empty : FromBlock(packed.ToArray(), 0, packed.Length);

    /// <summary>
    /// <see cref="FromPacked"/> without the copy: the set is <paramref name="length"/> bytes of <paramref name="block"/>
    /// from <paramref name="start"/>, which must not change after (the block of a restored snapshot part, shared by
    /// its alerts).
    /// </summary>
    internal static AnnotationSet FromBlock(byte[] block, int start, int length)
    {
        if (length == 0)
        {
            return Empty;
        }
        var set = new AnnotationSet(block, start, length);
        var cursor = new Cursor(set.Packed);
        var previous = ReadOnlySpan<byte>.Empty;
        var first = true;
        while (cursor.Next())
        {
            if (!Utf8.IsValid(cursor.Name) || !Utf8.IsValid(cursor.Value) || (!first && previous.SequenceCompareTo(cursor.Name) >= 0))
            {
                throw new InvalidDataException("packed annotations are not valid UTF-8 pairs sorted by name");
            }
            previous = cursor.Name;
            first = false;
        }
        if (!cursor.AtEnd)
        {
            throw new InvalidDataException("packed annotations end inside a pair");
        }
        return set;
    }

    /// <summary>The value of <paramref name="name"/>, or null when absent.</summary>
    public string? Get(string name)
    {
        if (IsEmpty)
        {
            return null;
        }
        Span<byte> wanted = name.Length <= 128 ? stackalloc byte[name.Length * 3] : new byte[Encoding.UTF8.GetByteCount(name)];
        wanted = wanted[..Encoding.UTF8.GetBytes(name, wanted)];
        for (var e = new Cursor(Packed); e.Next();)
        {
            if (e.Name.SequenceEqual(wanted))
            {
                return Encoding.UTF8.GetString(e.Value);
            }
        }
        return null;
    }

    /// <summary>The pairs as a label set (strings made for each): for templates and messages, not for holding.</summary>
    public LabelSet ToLabelSet()
    {
        if (IsEmpty)
        {
            return LabelSet.Empty;
        }
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in this)
        {
            pairs.Add(pair);
        }
        return LabelSet.From(pairs, keepEmptyValues: true);
    }

    /// <summary>Each pair as UTF-8: the name and the value.</summary>
    public Cursor Utf8Pairs() => new(Packed);

    public bool Equals(AnnotationSet other) => Packed.SequenceEqual(other.Packed);

    public override bool Equals(object? obj) => obj is AnnotationSet other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Packed);
        return hash.ToHashCode();
    }

    public static bool operator ==(AnnotationSet left, AnnotationSet right) => left.Equals(right);

    public static bool operator !=(AnnotationSet left, AnnotationSet right) => !left.Equals(right);

    /// <summary>Prometheus' LabelSet.String(): <c>{a="1", b="2"}</c>.</summary>
    public override string ToString() => ToLabelSet().ToString();

    /// <summary>The pairs as strings, made on each step.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int Sized(int length) => VarIntLength(length) + length;

    internal static int VarIntLength(int value)
    {
        var n = 1;
        for (var v = (uint)value; v >= 0x80; v >>= 7)
        {
            n++;
        }
        return n;
    }

    internal static int PutVarInt(Span<byte> into, int at, int value)
    {
        var v = (uint)value;
        while (v >= 0x80)
        {
            into[at++] = (byte)(v | 0x80);
            v >>= 7;
        }
        into[at++] = (byte)v;
        return at;
    }

    /// <summary>Packs pairs given as UTF-8 (names distinct and sorted by byte order) into a set.</summary>
    internal static AnnotationSet Pack(ReadOnlySpan<byte> source, ReadOnlySpan<Utf8Pair> sortedPairs)
    {
        if (sortedPairs.IsEmpty)
        {
            return Empty;
        }
        var size = 0;
        foreach (var p in sortedPairs)
        {
            size += Sized(p.NameLength) + Sized(p.ValueLength);
        }
        var packed = new byte[size];
        var at = 0;
        foreach (var p in sortedPairs)
        {
            at = PutVarInt(packed, at, p.NameLength);
            source.Slice(p.NameAt, p.NameLength).CopyTo(packed.AsSpan(at));
            at += p.NameLength;
            at = PutVarInt(packed, at, p.ValueLength);
            source.Slice(p.ValueAt, p.ValueLength).CopyTo(packed.AsSpan(at));
            at += p.ValueLength;
        }
        return new AnnotationSet(packed, 0, packed.Length);
    }

    /// <summary>Where one pair's name and value sit in a buffer of UTF-8.</summary>
    internal readonly record struct Utf8Pair(int NameAt, int NameLength, int ValueAt, int ValueLength);

    /// <summary>Walks the packed pairs without making strings.</summary>
    public ref struct Cursor
    {
        private readonly ReadOnlySpan<byte> _packed;
        private int _at;

        internal Cursor(ReadOnlySpan<byte> packed, int at = 0)
        {
            _packed = packed;
            _at = at;
        }

        internal readonly int Position => _at;

        public ReadOnlySpan<byte> Name { get; private set; }

        public ReadOnlySpan<byte> Value { get; private set; }

        internal readonly bool AtEnd => _at == _packed.Length;

        /// <summary>Moves to the next pair; false at the end (or, for damaged bytes, where a pair would overrun).</summary>
        public bool Next()
        {
            var start = _at;
            if (!TryTake(out var name) || !TryTake(out var value))
            {
                _at = start;
                return false;
            }
            Name = name;
            Value = value;
            return true;
        }

        private bool TryTake(out ReadOnlySpan<byte> field)
        {
            field = default;
            var length = 0;
            var shift = 0;
            while (true)
            {
                if (_at >= _packed.Length || shift > 28)
                {
                    return false;
                }
                var b = _packed[_at++];
                length |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    break;
                }
                shift += 7;
            }
            if (length < 0 || length > _packed.Length - _at)
            {
                return false;
            }
            field = _packed.Slice(_at, length);
            _at += length;
            return true;
        }
    }

    /// <summary>See <see cref="GetEnumerator"/>.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, string>>
    {
        private readonly AnnotationSet _set;
        private int _at;

        internal Enumerator(AnnotationSet set)
        {
            _set = set;
            _at = 0;
            Current = default;
        }

        public KeyValuePair<string, string> Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            var cursor = new Cursor(_set.Packed, _at);
            if (!cursor.Next())
            {
                return false;
            }
            Current = new KeyValuePair<string, string>(Encoding.UTF8.GetString(cursor.Name), Encoding.UTF8.GetString(cursor.Value));
            _at = cursor.Position;
            return true;
        }

        public void Reset() => _at = 0;

        public readonly void Dispose()
        {
        }
    }

    private static ReadOnlySpan<byte> NameOf(byte[] utf8, Utf8Pair pair) => utf8.AsSpan(pair.NameAt, pair.NameLength);

    private sealed class ByteOrder(byte[] utf8) : IComparer<Utf8Pair>
    {
        public int Compare(Utf8Pair x, Utf8Pair y) => NameOf(utf8, x).SequenceCompareTo(NameOf(utf8, y));
    }
}
