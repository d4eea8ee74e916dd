using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace Vigil.Server.Hosting;

/// <summary>
/// The one check every JSON request body passes before an endpoint reads it: well-formed JSON (no comments, no trailing
/// commas, at most <see cref="MaxDepth"/> deep), valid UTF-8, no escaped lone surrogate or NUL, and no key twice in one
/// object. System.Text.Json alone lets the last of duplicate keys win (or throws an <see cref="ArgumentException"/>
/// from <c>JsonObject</c>) and reports broken text only when a string is read, as an
/// <see cref="InvalidOperationException"/>; checking once up front gives every endpoint the same 400.
/// </summary>
internal static class JsonInput
{
    /// <summary>System.Text.Json's default; deeper bodies are refused rather than walked.</summary>
    public const int MaxDepth = 64;

    private const string NotText = "a JSON string is not valid text: invalid UTF-8 or a lone surrogate";

    /// <summary>Options for <see cref="JsonDocument"/> and <c>JsonNode</c> parsing of a body that passed <see cref="Check"/>.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };

    /// <summary>Null when <paramref name="body"/> is acceptable JSON; else what is wrong and where, for a 400.</summary>
    public static string? Check(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        // One set of names per open object, reused: a body of many small objects allocates only its names.
        var open = new List<HashSet<string>?>();
        var spare = new Stack<HashSet<string>>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        open.Add(null);
                        break;
                    case JsonTokenType.EndObject:
                        if (open[^1] is { } names)
                        {
                            names.Clear();
                            spare.Push(names);
                        }
                        open.RemoveAt(open.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        if (name.Contains('\0', StringComparison.Ordinal))
                        {
                            return $"a JSON key holds a NUL character (\\u0000), which Vigil does not store (at byte {reader.TokenStartIndex})";
                        }
                        var seen = open[^1] ??= spare.Count > 0 ? spare.Pop() : new HashSet<string>(StringComparer.Ordinal);
                        if (!seen.Add(name))
                        {
                            return $"duplicate key {Quote(name)} in one JSON object (at byte {reader.TokenStartIndex})";
                        }
                        break;
                    case JsonTokenType.String when CheckString(ref reader) is { } problem:
                        return $"{problem} (at byte {reader.TokenStartIndex})";
                }
            }
            return null;
        }
        catch (JsonException e)
        {
            return "not valid JSON: " + Describe(e);
        }
        catch (InvalidOperationException)
        {
            // GetString on a property name that is not valid UTF-8 or escapes a lone surrogate.
            return $"a JSON key is not valid text: invalid UTF-8 or a lone surrogate (at byte {reader.TokenStartIndex})";
        }
    }

    /// <summary><see cref="JsonException"/>'s message in one line: <c>… at $.scope (line 1, byte 7)</c>.</summary>
    public static string Describe(JsonException e)
    {
        var text = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ', '|');
        if (e.Path is { Length: > 1 } path)
        {
            text += " at " + path;
        }
        return e.LineNumber is { } line && e.BytePositionInLine is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"{text} (line {line + 1}, byte {at})")
            : text;
    }

    /// <summary>Null for a string that is text; else what is wrong with it. Unescaped, it cannot hold a NUL (JSON
    /// forbids raw control characters), so only escaped strings are decoded.</summary>
    private static string? CheckString(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Utf8.IsValid(reader.ValueSpan) ? null : NotText;
        }
        var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        var buffer = ArrayPool<char>.Shared.Rent(length);
        try
        {
            var n = reader.CopyString(buffer);
            // PostgreSQL's text cannot hold U+0000; refused here rather than failing deep in a store.
            return buffer.AsSpan(0, n).Contains('\0') ? "a JSON string holds a NUL character (\\u0000), which Vigil does not store" : null;
        }
        catch (InvalidOperationException)
        {
            return NotText;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static string Quote(string s) => Labels.GoQuote.Quote(s.Length > 100 ? s[..100] + "…" : s);
}
