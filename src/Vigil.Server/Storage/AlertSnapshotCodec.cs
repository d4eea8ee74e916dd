using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Storage;

/// <summary>
/// A compact binary encoding of alerts for snapshot parts. Format 2 ("VGS2") starts each part with a table of the
/// distinct strings it holds (each marked when more than one entry uses it), then per entry a tag (alert or removal),
/// the fingerprint, and indexes into that table; so a label name or a common value is stored and decoded once per part,
/// and decoding hands out shared strings (pooled across parts: <see cref="StringPool"/>) instead of a copy per alert
/// (RSS after a restart). Strings one entry uses (ids) are not looked up in the pool: that lookup was a fifth of a
/// restart's CPU. Format 3 ("VGS3") stores each alert's annotations as their packed UTF-8 bytes
/// (<see cref="AnnotationSet.Packed"/>), copied in and out without a string; decoding copies a part's annotations into
/// one block its alerts share (<see cref="AnnotationSet.FromBlock"/>). Parts of formats 1 ("VGS1", before issue 15
/// item 5) and 2 are still read.
/// </summary>
internal static class AlertSnapshotCodec
{
    private const int MagicV1 = 0x31534756; // "VGS1"
    private const int MagicV2 = 0x32534756; // "VGS2"
    private const int MagicV3 = 0x33534756; // "VGS3"
    private const byte AlertTag = 1;
    private const byte RemovedTag = 2;

    /// <summary>
    /// Encodes entries: an alert as it is held, or a fingerprint with no alert for one that was removed. The entries are
    /// written first into <paramref name="scratch"/> (emptied here; pass the same one for every part of a snapshot), so a
    /// part is copied once, into the array returned.
    /// Growing a new stream per part and copying it into a second one allocated about four times the part's size on the
    /// large-object heap, every few seconds during an ingest.
    /// </summary>
    public static byte[] Encode(IReadOnlyList<AlertChange> entries, MemoryStream scratch)
    {
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new List<string>();
        var uses = new List<int>();
        int Index(string s)
        {
            if (!strings.TryGetValue(s, out var i))
            {
                i = table.Count;
                strings.Add(s, i);
                table.Add(s);
                uses.Add(0);
            }
            uses[i]++;
            return i;
        }

        // One delegate for the whole part: passing the local function at each call made two per alert.
        Func<string, int> index = Index;
        var body = scratch;
        body.SetLength(0);
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                if (entry.Alert is not { } a)
                {
                    w.Write(RemovedTag);
                    w.Write(entry.Fingerprint.Value);
                    continue;
                }
                w.Write(AlertTag);
                w.Write(entry.Fingerprint.Value);
                WriteLabels(w, a.Labels, index);
                w.Write7BitEncodedInt(a.Annotations.Packed.Length);
                w.Write(a.Annotations.Packed);
                w.Write(a.StartsAt.UtcTicks);
                w.Write(a.EndsAt.UtcTicks);
                w.Write(a.UpdatedAt.UtcTicks);
                w.Write7BitEncodedInt(Index(a.GeneratorUrl));
                w.Write(a.Timeout);
            }
        }
        using var header = new MemoryStream(table.Count * 16 + 16);
        using (var w = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(MagicV3);
            w.Write(entries.Count);
            w.Write7BitEncodedInt(table.Count);
            for (var i = 0; i < table.Count; i++)
            {
                w.Write(uses[i] > 1);
                w.Write(table[i]);
            }
        }
        var part = new byte[header.Length + body.Length];
        header.GetBuffer().AsSpan(0, (int)header.Length).CopyTo(part);
        body.GetBuffer().AsSpan(0, (int)body.Length).CopyTo(part.AsSpan((int)header.Length));
        return part;
    }

    /// <summary>
    /// The entries a part says it holds (every format starts with its magic number and that count), for sizing before it
    /// is decoded: 0 when too short, and never more than one per byte (a damaged count sizes nothing huge).
    /// </summary>
    public static int EntryCount(byte[] payload) =>
        payload.Length < 8 ? 0 : Math.Clamp(BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(4)), 0, payload.Length);

    /// <summary>Decodes a part into entries, in the order they were encoded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs at start, where tier-0 code would do most of the work
    public static List<AlertChange> Decode(byte[] payload)
    {
        var r = new SpanReader(payload);
        var magic = r.Int32();
        if (magic == MagicV1)
        {
            return DecodeV1(payload);
        }
        if (magic is not (MagicV2 or MagicV3))
        {
            throw new InvalidDataException("alert snapshot part has an unknown format");
        }
        var count = r.Int32();
        var table = new string[r.VarInt()];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = r.Byte() != 0 ? r.PooledString() : r.String();
        }
        var (pairs, block) = Blocks(r, count, magic == MagicV3);
        int pairsAt = 0, blockAt = 0;
        var into = new List<AlertChange>(count);
        for (var i = 0; i < count; i++)
        {
            var tag = r.Byte();
            var fingerprint = new Fingerprint(r.UInt64());
            if (tag == RemovedTag)
            {
                into.Add(new AlertChange(fingerprint, null));
                continue;
            }
            if (tag != AlertTag)
            {
                throw new InvalidDataException($"alert snapshot part has an unknown entry tag {tag}");
            }
            var labels = ReadLabels(ref r, table, fingerprint, pairs, ref pairsAt);
            var annotations = AnnotationSet.Empty;
            if (magic != MagicV3)
            {
                var own = 0;
                annotations = AnnotationSet.From(ReadLabels(ref r, table, null, null, ref own));
            }
            else if (r.Bytes() is { IsEmpty: false } packed)
            {
                packed.CopyTo(block.AsSpan(blockAt));
                annotations = AnnotationSet.FromBlock(block!, blockAt, packed.Length);
                blockAt += packed.Length;
            }
            var startsAt = new DateTimeOffset(r.Int64(), TimeSpan.Zero);
            var endsAt = new DateTimeOffset(r.Int64(), TimeSpan.Zero);
            var updatedAt = new DateTimeOffset(r.Int64(), TimeSpan.Zero);
            var generatorUrl = table[r.VarInt()];
            var alert = new Alert(labels, annotations, startsAt, endsAt, generatorUrl, updatedAt, r.Byte() != 0);
            into.Add(new AlertChange(fingerprint, alert));
        }
        return into;
    }

    /// <summary>
    /// The blocks the alerts of a part share: one for the label pairs of the entries that <paramref name="r"/> is at,
    /// and (format 3) one for their packed annotations; each null when there are none. Sized by walking the entries
    /// once without decoding them.
    /// </summary>
    private static (KeyValuePair<string, string>[]? Pairs, byte[]? Annotations) Blocks(SpanReader r, int count, bool packedAnnotations)
    {
        int pairs = 0, annotationBytes = 0;
        for (var i = 0; i < count; i++)
        {
            var tag = r.Byte();
            r.UInt64();
            if (tag == RemovedTag)
            {
                continue;
            }
            if (tag != AlertTag)
            {
                break; // reported by the decoding after
            }
            var labels = r.VarInt();
            pairs += labels;
            for (var n = labels * 2; n > 0; n--)
            {
                r.VarInt();
            }
            if (packedAnnotations)
            {
                annotationBytes += r.Bytes().Length;
            }
            else
            {
                for (var n = r.VarInt() * 2; n > 0; n--)
                {
                    r.VarInt();
                }
            }
            r.Int64();
            r.Int64();
            r.Int64();
            r.VarInt();
            r.Byte();
        }
        return (pairs == 0 ? null : new KeyValuePair<string, string>[pairs],
            annotationBytes == 0 ? null : GC.AllocateUninitializedArray<byte>(annotationBytes));
    }

    private static void WriteLabels(BinaryWriter w, LabelSet labels, Func<string, int> index)
    {
        w.Write7BitEncodedInt(labels.Count);
        foreach (var (k, v) in labels)
        {
            w.Write7BitEncodedInt(index(k));
            w.Write7BitEncodedInt(index(v));
        }
    }

    /// <summary>A set read into <paramref name="block"/> from <paramref name="at"/> (moved past it), or into its own array when null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static LabelSet ReadLabels(ref SpanReader r, string[] table, Fingerprint? fingerprint, KeyValuePair<string, string>[]? block, ref int at)
    {
        var n = r.VarInt();
        if (n == 0)
        {
            return LabelSet.Empty;
        }
        if (block is null)
        {
            block = new KeyValuePair<string, string>[n];
            at = 0;
        }
        var start = at;
        for (var i = 0; i < n; i++)
        {
            block[at++] = new KeyValuePair<string, string>(table[r.VarInt()], table[r.VarInt()]);
        }
        return LabelSet.FromStored(block, start, n, fingerprint);
    }

    /// <summary>Format 1: strings inline, no fingerprints, no removals (a whole snapshot).</summary>
    private static List<AlertChange> DecodeV1(byte[] payload)
    {
        using var r = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
        r.ReadInt32();
        var count = r.ReadInt32();
        var into = new List<AlertChange>(count);
        for (var i = 0; i < count; i++)
        {
            var labels = ReadLabelsV1(r, keepEmptyValues: false);
            var annotations = AnnotationSet.From(ReadLabelsV1(r, keepEmptyValues: true));
            var startsAt = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var endsAt = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var updatedAt = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var alert = new Alert(labels, annotations, startsAt, endsAt, r.ReadString(), updatedAt, r.ReadBoolean());
            into.Add(new AlertChange(alert.Fingerprint, alert));
        }
        return into;
    }

    private static LabelSet ReadLabelsV1(BinaryReader r, bool keepEmptyValues)
    {
        var n = r.Read7BitEncodedInt();
        var pairs = new KeyValuePair<string, string>[n];
        for (var i = 0; i < n; i++)
        {
            pairs[i] = new KeyValuePair<string, string>(r.ReadString(), r.ReadString());
        }
        return LabelSet.From(pairs, keepEmptyValues);
    }

    /// <summary>Reads what <see cref="BinaryWriter"/> wrote (little-endian, 7-bit lengths, UTF-8 strings) from an array.</summary>
    private ref struct SpanReader(byte[] bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at;

        public byte Byte() => _bytes[_at++];

        public int Int32()
        {
            var v = BinaryPrimitives.ReadInt32LittleEndian(_bytes[_at..]);
            _at += 4;
            return v;
        }

        public long Int64()
        {
            var v = BinaryPrimitives.ReadInt64LittleEndian(_bytes[_at..]);
            _at += 8;
            return v;
        }

        public ulong UInt64()
        {
            var v = BinaryPrimitives.ReadUInt64LittleEndian(_bytes[_at..]);
            _at += 8;
            return v;
        }

        public int VarInt()
        {
            var result = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = _bytes[_at++];
                result |= (b & 0x7f) << shift;
                if (b < 0x80)
                {
                    return result;
                }
            }
            throw new InvalidDataException("alert snapshot part has a malformed number");
        }

        /// <summary>Bytes written after their 7-bit length.</summary>
        public ReadOnlySpan<byte> Bytes()
        {
            var length = VarInt();
            var bytes = _bytes.Slice(_at, length);
            _at += length;
            return bytes;
        }

        public string String()
        {
            var length = VarInt();
            var s = Encoding.UTF8.GetString(_bytes.Slice(_at, length));
            _at += length;
            return s;
        }

        /// <summary>A string as <see cref="BinaryWriter.Write(string)"/> wrote it, through <see cref="StringPool"/>.</summary>
        public string PooledString()
        {
            var length = VarInt();
            var utf8 = _bytes.Slice(_at, length);
            _at += length;
            if (length > StringPool.MaxLength * 3)
            {
                return Encoding.UTF8.GetString(utf8);
            }
            Span<char> chars = stackalloc char[StringPool.MaxLength * 3];
            var n = Encoding.UTF8.GetChars(utf8, chars);
            return StringPool.Get(chars[..n]);
        }
    }
}
