namespace Vigil.Server.Labels;

/// <summary>
/// Collects one annotation object's pairs as UTF-8 (as a JSON reader unescapes them) and packs them into an
/// <see cref="AnnotationSet"/> without making a string. Reused: <see cref="Clear"/> before each object.
/// </summary>
internal sealed class AnnotationPacker
{
    private byte[] _bytes = new byte[512];
    private AnnotationSet.Utf8Pair[] _pairs = new AnnotationSet.Utf8Pair[8];
    private int _used;
    private int _count;
    private int _nameAt;
    private int _nameLength;

    public void Clear()
    {
        _used = 0;
        _count = 0;
    }

    /// <summary>Room for at least <paramref name="length"/> bytes, where the next name or value is to be written.</summary>
    public Span<byte> Room(int length)
    {
        if (_bytes.Length - _used < length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + length));
        }
        return _bytes.AsSpan(_used, length);
    }

    /// <summary>The <paramref name="length"/> bytes just written to <see cref="Room"/> are a name.</summary>
    public void Name(int length)
    {
        _nameAt = _used;
        _nameLength = length;
        _used += length;
    }

    /// <summary>The <paramref name="length"/> bytes just written to <see cref="Room"/> are the last name's value.</summary>
    public void Value(int length)
    {
        Add(new AnnotationSet.Utf8Pair(_nameAt, _nameLength, _used, length));
        _used += length;
    }

    /// <summary>The last name's value is null: the pair is dropped, but its name still counts when another repeats it.</summary>
    public void NullValue() => Add(new AnnotationSet.Utf8Pair(_nameAt, _nameLength, _used, -1));

    /// <summary>The set, or false when a name came twice.</summary>
    public bool TryPack(out AnnotationSet set)
    {
        set = AnnotationSet.Empty;
        var bytes = _bytes.AsSpan(0, _used);
        for (var i = 1; i < _count; i++)
        {
            var item = _pairs[i];
            var j = i - 1;
            while (j >= 0 && NameOf(bytes, _pairs[j]).SequenceCompareTo(NameOf(bytes, item)) > 0)
            {
                _pairs[j + 1] = _pairs[j];
                j--;
            }
            _pairs[j + 1] = item;
        }
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (i > 0 && NameOf(bytes, _pairs[i - 1]).SequenceEqual(NameOf(bytes, _pairs[i])))
            {
                return false;
            }
            if (_pairs[i].ValueLength >= 0)
            {
                _pairs[kept++] = _pairs[i];
            }
        }
        set = AnnotationSet.Pack(bytes, _pairs.AsSpan(0, kept));
        return true;
    }

    private void Add(AnnotationSet.Utf8Pair pair)
    {
        if (_count == _pairs.Length)
        {
            Array.Resize(ref _pairs, _count * 2);
        }
        _pairs[_count++] = pair;
    }

    private static ReadOnlySpan<byte> NameOf(ReadOnlySpan<byte> bytes, AnnotationSet.Utf8Pair pair) => bytes.Slice(pair.NameAt, pair.NameLength);
}
