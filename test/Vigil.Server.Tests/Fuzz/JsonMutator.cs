using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Server.Tests.Fuzz;

/// <summary>
/// Turns a valid body into a hostile one: a field replaced by a hostile value of a class that fits its name (or any),
/// a field removed, duplicated or added, a subtree nested too deep. Bytes no JSON writer would produce (invalid UTF-8,
/// lone surrogate escapes, duplicate keys, numbers beyond double, raw junk) are written as <c>~~N~~</c> markers and
/// spliced in after serialization.
/// </summary>
internal sealed class JsonMutator(Random rng)
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly List<byte[]> _splices = [];

    /// <summary>Applies one to three mutations to a copy of <paramref name="template"/>; <paramref name="what"/> names them.</summary>
    public byte[] Mutate(JsonNode template, out string what)
    {
        _splices.Clear();
        var root = template.DeepClone();
        var notes = new List<string>();
        var count = 1 + rng.Next(3);
        for (var i = 0; i < count; i++)
        {
            root = MutateOnce(root, notes);
        }
        what = string.Join("; ", notes);
        return Serialize(root);
    }

    private JsonNode MutateOnce(JsonNode root, List<string> notes)
    {
        var slots = new List<(JsonNode Parent, string? Key, int Index, string Path)>();
        Collect(root, "$", slots);
        if (slots.Count == 0)
        {
            notes.Add("root replaced");
            return HostileValue("", notes);
        }
        var (parent, key, index, path) = slots[rng.Next(slots.Count)];
        var kind = rng.Next(10);
        if (kind < 6)
        {
            Set(parent, key, index, HostileValue(key ?? "", notes));
            notes[^1] = $"{path} = {notes[^1]}";
        }
        else if (kind == 6 && key is not null)
        {
            parent.AsObject().Remove(key);
            notes.Add($"{path} removed");
        }
        else if (kind == 7 && key is not null)
        {
            // The duplicate's name is a marker that becomes the original name after serialization.
            parent.AsObject()[Splice(Encoding.UTF8.GetBytes(JsonEncodedText.Encode(key, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString()))] =
                rng.Next(2) == 0 ? parent[key]?.DeepClone() : HostileValue(key, []);
            notes.Add($"{path} duplicated");
        }
        else if (kind == 8 && parent is JsonObject o)
        {
            o["unknownField" + rng.Next(100)] = HostileValue("", []);
            notes.Add($"{path}: unknown field added");
        }
        else
        {
            var depth = HostileValues.Pick(rng, new[] { 65, 300, 5000, 100_000 });
            Set(parent, key, index, Raw(Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth))));
            notes.Add($"{path} nested {depth} deep");
        }
        return root;
    }

    /// <summary>A hostile value; the class follows the field's name half of the time.</summary>
    public JsonNode HostileValue(string field, List<string> notes)
    {
        var name = field.ToLowerInvariant();
        var cls = rng.Next(2) == 0 ? rng.Next(9) : name switch
        {
            _ when name.Contains("match") || name is "targets" or "expected" or "filter" => 0,
            _ when name.Contains("value") || name.Contains("regex") || name == "receiver" => 0,
            _ when name.Contains("at") || name is "start" or "end" or "from" or "to" or "timestamp" => 1,
            _ when name is "duration" or "period" or "grace" => 2,
            _ when name.Contains("seconds") || name == "limit" => 3,
            _ => rng.Next(9),
        };
        switch (cls)
        {
            case 0:
                var m = rng.Next(2) == 0 ? HostileValues.Matcher(rng) : HostileValues.Pick(rng, HostileValues.Regexes);
                notes.Add($"regex/matcher {Short(m)}");
                return name is "targets" or "expected" or "matchers" && rng.Next(2) == 0 ? new JsonArray(m) : JsonValue.Create(m);
            case 1:
                var d = HostileValues.Pick(rng, HostileValues.Dates);
                notes.Add($"date {d}");
                return JsonValue.Create(d);
            case 2:
                var t = HostileValues.Pick(rng, HostileValues.Durations);
                notes.Add($"duration {t}");
                return JsonValue.Create(t);
            case 3:
                var n = HostileValues.Pick(rng, HostileValues.Numbers);
                notes.Add($"number {n}");
                return Raw(Encoding.ASCII.GetBytes(n));
            case 4:
                var w = HostileValues.Pick(rng, HostileValues.WrongTypes);
                notes.Add($"wrong type {w}");
                return Raw(Encoding.UTF8.GetBytes(w));
            case 5:
                notes.Add("invalid UTF-8");
                return JsonValue.Create("x" + Splice([0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80]) + "y");
            case 6:
                var lone = HostileValues.Pick(rng, new[] { "\\ud800", "\\udfff", "\\ud800\\u0041", "\\udc00\\ud800" });
                notes.Add($"lone surrogate {lone}");
                return JsonValue.Create("x" + Splice(Encoding.ASCII.GetBytes(lone)) + "y");
            case 7:
                var s = HostileValues.Pick(rng, HostileValues.Strings);
                notes.Add($"string {Short(s)}");
                return JsonValue.Create(s);
            default:
                var many = new JsonObject();
                for (var i = 0; i < 2000; i++)
                {
                    many["k" + i] = "v";
                }
                notes.Add("2000 properties");
                return rng.Next(2) == 0 ? many : new JsonArray([.. Enumerable.Range(0, 20_000).Select(i => (JsonNode)JsonValue.Create(i))]);
        }
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + $"…({s.Length} chars)" : s;

    private JsonNode Raw(byte[] json) => JsonValue.Create(Splice(json, quoted: true));

    /// <summary>A marker to be replaced by <paramref name="bytes"/>; quoted markers replace the quotes too.</summary>
    private string Splice(byte[] bytes, bool quoted = false)
    {
        _splices.Add(bytes);
        return (quoted ? "~~Q" : "~~S") + (_splices.Count - 1) + "~~";
    }

    private byte[] Serialize(JsonNode root)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            root.WriteTo(writer);
        }
        var text = buffer.ToArray();
        if (_splices.Count == 0)
        {
            return text;
        }
        var output = new List<byte>(text.Length + 64);
        for (var i = 0; i < text.Length; i++)
        {
            if (TryMarker(text, i, out var index, out var quoted, out var length))
            {
                var start = quoted && output.Count > 0 && output[^1] == (byte)'"' ? output.Count - 1 : -1;
                if (start >= 0)
                {
                    output.RemoveAt(start);
                }
                output.AddRange(_splices[index]);
                i += length - 1 + (start >= 0 && i + length < text.Length && text[i + length] == (byte)'"' ? 1 : 0);
                continue;
            }
            output.Add(text[i]);
        }
        return [.. output];
    }

    private static bool TryMarker(byte[] text, int at, out int index, out bool quoted, out int length)
    {
        (index, quoted, length) = (0, false, 0);
        if (at + 5 > text.Length || text[at] != (byte)'~' || text[at + 1] != (byte)'~' || text[at + 2] is not ((byte)'Q' or (byte)'S'))
        {
            return false;
        }
        var end = at + 3;
        while (end < text.Length && char.IsAsciiDigit((char)text[end]))
        {
            end++;
        }
        if (end == at + 3 || end + 1 >= text.Length || text[end] != (byte)'~' || text[end + 1] != (byte)'~')
        {
            return false;
        }
        index = int.Parse(Encoding.ASCII.GetString(text, at + 3, end - at - 3), System.Globalization.CultureInfo.InvariantCulture);
        quoted = text[at + 2] == (byte)'Q';
        length = end + 2 - at;
        return true;
    }

    private static void Collect(JsonNode node, string path, List<(JsonNode, string?, int, string)> slots)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o.ToList())
            {
                slots.Add((o, key, -1, $"{path}.{key}"));
                if (value is not null)
                {
                    Collect(value, $"{path}.{key}", slots);
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                slots.Add((a, null, i, $"{path}[{i}]"));
                if (a[i] is { } child)
                {
                    Collect(child, $"{path}[{i}]", slots);
                }
            }
        }
    }

    private static void Set(JsonNode parent, string? key, int index, JsonNode value)
    {
        if (key is not null)
        {
            parent.AsObject()[key] = value;
        }
        else
        {
            parent.AsArray()[index] = value;
        }
    }
}
