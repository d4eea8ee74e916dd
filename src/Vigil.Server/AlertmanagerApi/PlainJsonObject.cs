using System.Buffers;
using System.Text;
using System.Text.Json;
using Vigil.Server.Labels;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>
/// Writes a label set as a JSON object the quick way when it can: nearly every label name and value is printable ASCII
/// that JSON leaves as it is, and for those the object's bytes are the characters themselves between quotes. Written
/// through <see cref="Utf8JsonWriter.WriteString(string, string)"/>, each string was scanned for characters to escape
/// and transcoded on its own; labels and annotations were the largest part of a 100k <c>GET /api/v2/alerts</c>. A set
/// with any other character goes through the writer, so the bytes are always the writer's own (its default encoder
/// also escapes the HTML-sensitive <c>&lt; &gt; &amp; ' + `</c>; so does Alertmanager, for the first three).
/// </summary>
internal static class PlainJsonObject
{
    private const int StackLimit = 1024;

    /// <summary>The characters the writer's default encoder copies unchanged.</summary>
    private static readonly SearchValues<char> Plain = SearchValues.Create(PlainCharacters());

    /// <summary>The same characters as UTF-8 bytes.</summary>
    private static readonly SearchValues<byte> PlainBytes = SearchValues.Create(Encoding.ASCII.GetBytes(PlainCharacters()));

    /// <summary>Annotations, from their UTF-8: a plain set is copied between quotes, with no transcoding at all.</summary>
    public static void Write(Utf8JsonWriter w, AnnotationSet annotations)
    {
        var length = 2;
        for (var pair = annotations.Utf8Pairs(); pair.Next();)
        {
            if (pair.Name.ContainsAnyExcept(PlainBytes) || pair.Value.ContainsAnyExcept(PlainBytes))
            {
                WriteEscaped(w, annotations);
                return;
            }
            length += pair.Name.Length + pair.Value.Length + 6;
        }

        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var at = 0;
        buffer[at++] = (byte)'{';
        for (var pair = annotations.Utf8Pairs(); pair.Next();)
        {
            if (at > 1)
            {
                buffer[at++] = (byte)',';
            }
            at = Quoted(pair.Name, buffer, at);
            buffer[at++] = (byte)':';
            at = Quoted(pair.Value, buffer, at);
        }
        buffer[at++] = (byte)'}';
        w.WriteRawValue(buffer[..at], skipInputValidation: true);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The writer's own way, for annotations with a character it escapes.</summary>
    public static void WriteEscaped(Utf8JsonWriter w, AnnotationSet annotations)
    {
        w.WriteStartObject();
        for (var pair = annotations.Utf8Pairs(); pair.Next();)
        {
            w.WriteString(pair.Name, pair.Value);
        }
        w.WriteEndObject();
    }

    private static int Quoted(ReadOnlySpan<byte> text, Span<byte> buffer, int at)
    {
        buffer[at++] = (byte)'"';
        text.CopyTo(buffer[at..]);
        at += text.Length;
        buffer[at++] = (byte)'"';
        return at;
    }

    public static void Write(Utf8JsonWriter w, LabelSet labels)
    {
        var length = 2;
        for (var i = 0; i < labels.Count; i++)
        {
            var (k, v) = labels[i];
            if (k.AsSpan().ContainsAnyExcept(Plain) || v.AsSpan().ContainsAnyExcept(Plain))
            {
                WriteEscaped(w, labels);
                return;
            }
            length += k.Length + v.Length + 6;
        }

        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var at = 0;
        buffer[at++] = (byte)'{';
        for (var i = 0; i < labels.Count; i++)
        {
            var (k, v) = labels[i];
            if (i > 0)
            {
                buffer[at++] = (byte)',';
            }
            at = Quoted(k, buffer, at);
            buffer[at++] = (byte)':';
            at = Quoted(v, buffer, at);
        }
        buffer[at++] = (byte)'}';
        w.WriteRawValue(buffer[..at], skipInputValidation: true);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The writer's own way, for a set with a character it escapes.</summary>
    public static void WriteEscaped(Utf8JsonWriter w, LabelSet labels)
    {
        w.WriteStartObject();
        for (var i = 0; i < labels.Count; i++)
        {
            var (k, v) = labels[i];
            w.WriteString(k, v);
        }
        w.WriteEndObject();
    }

    private static int Quoted(string text, Span<byte> buffer, int at)
    {
        buffer[at++] = (byte)'"';
        Ascii.FromUtf16(text, buffer[at..], out var written);
        at += written;
        buffer[at++] = (byte)'"';
        return at;
    }

    private static string PlainCharacters()
    {
        var plain = new StringBuilder();
        for (var c = (char)0x20; c < 0x7F; c++)
        {
            if (c is not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`'))
            {
                plain.Append(c);
            }
        }
        return plain.ToString();
    }
}
