using System.Text.Json;
using System.Text.Unicode;
using Vigil.Server.Labels;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>
/// The fast path for a <c>POST /api/v2/alerts</c> body: one pass of <see cref="Utf8JsonReader"/> that builds
/// label sets directly (names and short values through <see cref="StringPool"/>) and annotations as UTF-8
/// (<see cref="AnnotationPacker"/>, no string at all), with no dictionary per alert. What it accepts, deserialising into <see cref="PostableAlert"/> reads the same (null values dropped);
/// it turns down, besides what the serializer refuses, anything <see cref="Hosting.JsonInput.Check"/> would refuse
/// (a key twice, invalid UTF-8, a lone surrogate, a NUL) and any property Prometheus does not send, so the caller checks
/// and deserialises those bodies on the slow path and answers with the exact error text.
/// </summary>
internal static class PostableAlertReader
{
    private const int StackChars = 256;

    [ThreadStatic]
    private static AnnotationPacker? t_packer;

    /// <summary>One alert as read; <c>Labels</c> null when absent or null (the caller answers 422).</summary>
    internal readonly record struct Item(LabelSet? Labels, AnnotationSet Annotations, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? GeneratorUrl);

    /// <summary>
    /// False when the body is not a well-formed array of well-typed alerts; <paramref name="items"/> is
    /// <paramref name="into"/> (empty on entry) holding the alerts, or null for a JSON <c>null</c> body.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> body, List<Item?> into, out List<Item?>? items)
    {
        items = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read())
            {
                return false;
            }
            if (reader.TokenType == JsonTokenType.Null)
            {
                return !reader.Read();
            }
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }
            var scratch = new KeyValuePair<string, string?>[16];
            var packer = t_packer ??= new AnnotationPacker();
            while (true)
            {
                if (!reader.Read())
                {
                    return false;
                }
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }
                if (reader.TokenType == JsonTokenType.Null)
                {
                    into.Add(null);
                    continue;
                }
                if (reader.TokenType != JsonTokenType.StartObject || !TryReadAlert(ref reader, ref scratch, packer, out var item))
                {
                    return false;
                }
                into.Add(item);
            }
            if (reader.Read())
            {
                return false; // trailing content
            }
            items = into;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false; // invalid UTF-8 in a string, or a token of the wrong type
        }
    }

    private static bool TryReadAlert(ref Utf8JsonReader reader, ref KeyValuePair<string, string?>[] scratch, AnnotationPacker packer, out Item item)
    {
        item = default;
        LabelSet? labels = null;
        var annotations = AnnotationSet.Empty;
        DateTimeOffset? startsAt = null, endsAt = null;
        string? generatorUrl = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("labels"u8) ? 1 : reader.ValueTextEquals("annotations"u8) ? 2
                : reader.ValueTextEquals("startsAt"u8) ? 4 : reader.ValueTextEquals("endsAt"u8) ? 8 : reader.ValueTextEquals("generatorURL"u8) ? 16 : 0;
            if (field == 0 || (seen & field) != 0)
            {
                return false; // an unknown or repeated property: the slow path checks it
            }
            seen |= field;
            if (field == 1)
            {
                if (!TryReadPairs(ref reader, ref scratch, keepEmptyValues: false, out labels))
                {
                    return false;
                }
            }
            else if (field == 2)
            {
                if (!TryReadAnnotations(ref reader, packer, out annotations))
                {
                    return false;
                }
            }
            else if (field == 4)
            {
                if (!TryReadTime(ref reader, out startsAt))
                {
                    return false;
                }
            }
            else if (field == 8)
            {
                if (!TryReadTime(ref reader, out endsAt))
                {
                    return false;
                }
            }
            else
            {
                if (!reader.Read() || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                {
                    return false;
                }
                generatorUrl = reader.GetString();
                if (generatorUrl?.Contains('\0', StringComparison.Ordinal) == true)
                {
                    return false;
                }
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }
        item = new Item(labels, annotations, startsAt, endsAt, generatorUrl);
        return true;
    }

    private static bool TryReadTime(ref Utf8JsonReader reader, out DateTimeOffset? value)
    {
        value = null;
        if (!reader.Read())
        {
            return false;
        }
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var t))
        {
            return false;
        }
        value = t;
        return true;
    }

    private static bool TryReadPairs(ref Utf8JsonReader reader, ref KeyValuePair<string, string?>[] scratch, bool keepEmptyValues, out LabelSet? set)
    {
        set = null;
        if (ReadStart(ref reader) is var start && start != Start.Object)
        {
            return start == Start.Null; // an absent set, or not the fast path's to read
        }
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Pooled(ref reader);
            if (!reader.Read())
            {
                return false;
            }
            string? value;
            if (reader.TokenType == JsonTokenType.String)
            {
                value = Pooled(ref reader);
            }
            else if (reader.TokenType == JsonTokenType.Null)
            {
                value = null;
            }
            else
            {
                return false;
            }
            if (name.Contains('\0', StringComparison.Ordinal) || value?.Contains('\0', StringComparison.Ordinal) == true)
            {
                return false; // a NUL: refused on the slow path by JsonInput
            }
            if (count == scratch.Length)
            {
                Array.Resize(ref scratch, count * 2);
            }
            scratch[count++] = new KeyValuePair<string, string?>(name, value);
        }
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }
        set = LabelSet.FromScratch(scratch.AsSpan(0, count), keepEmptyValues);
        // FromScratch sorted the pairs in place: a repeated name sits next to itself.
        var repeated = false;
        for (var i = 1; i < count && !repeated; i++)
        {
            repeated = string.Equals(scratch[i - 1].Key, scratch[i].Key, StringComparison.Ordinal);
        }
        Array.Clear(scratch, 0, count);
        return !repeated;
    }

    private enum Start
    {
        Object,
        Null,
        Other,
    }

    /// <summary>Reads the next token, where a label or annotation object (or null) is expected.</summary>
    private static Start ReadStart(ref Utf8JsonReader reader) =>
        !reader.Read() ? Start.Other
        : reader.TokenType == JsonTokenType.StartObject ? Start.Object
        : reader.TokenType == JsonTokenType.Null ? Start.Null
        : Start.Other;

    private static bool TryReadAnnotations(ref Utf8JsonReader reader, AnnotationPacker packer, out AnnotationSet set)
    {
        set = AnnotationSet.Empty;
        if (ReadStart(ref reader) is var start && start != Start.Object)
        {
            return start == Start.Null; // an absent set, or not the fast path's to read
        }
        packer.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryCopy(ref reader, packer, out var nameLength))
            {
                return false;
            }
            packer.Name(nameLength);
            if (!reader.Read())
            {
                return false;
            }
            if (reader.TokenType == JsonTokenType.String)
            {
                if (!TryCopy(ref reader, packer, out var valueLength))
                {
                    return false;
                }
                packer.Value(valueLength);
            }
            else if (reader.TokenType == JsonTokenType.Null)
            {
                packer.NullValue();
            }
            else
            {
                return false;
            }
        }
        // A repeated name is for the slow path, as in labels.
        return reader.TokenType == JsonTokenType.EndObject && packer.TryPack(out set);
    }

    /// <summary>
    /// The current string token unescaped into the packer; false for a NUL or invalid UTF-8 (refused on the slow path by
    /// JsonInput), as <see cref="Pooled"/> refuses them by transcoding.
    /// </summary>
    private static bool TryCopy(ref Utf8JsonReader reader, AnnotationPacker packer, out int length)
    {
        // Unescaped UTF-8 is never more bytes than the escaped token.
        var room = packer.Room(reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length);
        length = reader.CopyString(room);
        var copied = room[..length];
        return !copied.Contains((byte)0) && Utf8.IsValid(copied);
    }

    /// <summary>The current string token, unescaped and validated, from the pool when short.</summary>
    private static string Pooled(ref Utf8JsonReader reader)
    {
        // Unescaped UTF-8 is never fewer bytes than the UTF-16 chars it decodes to.
        var max = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (max > StackChars)
        {
            return reader.GetString()!;
        }
        Span<char> chars = stackalloc char[StackChars];
        var n = reader.CopyString(chars);
        return StringPool.Get(chars[..n]);
    }
}
