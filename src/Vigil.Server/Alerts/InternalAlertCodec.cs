using System.Text.Json;
using Vigil.Server.Labels;
using Vigil.Server.Storage;

namespace Vigil.Server.Alerts;

/// <summary>
/// The ingest-log payload of alerts Vigil raises itself (<see cref="AlertIngestor.Internal"/>): a compact JSON
/// array, one object per alert — <c>{"l":{labels},"a":{annotations},"s":startsMs,"e":endsMs,"g":url,"t":timeout,"u":updatedMs}</c> —
/// kept exactly as raised, so replay at start restores the same alerts without re-deriving anything.
/// </summary>
public static class InternalAlertCodec
{
    public static byte[] Encode(IReadOnlyList<Alert> alerts)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var a in alerts)
            {
                w.WriteStartObject();
                WriteLabels(w, "l", a.Labels);
                WriteLabels(w, "a", a.Annotations.ToLabelSet());
                w.WriteNumber("s", UnixMs.From(a.StartsAt));
                w.WriteNumber("e", UnixMs.From(a.EndsAt));
                w.WriteNumber("u", UnixMs.From(a.UpdatedAt));
                if (a.GeneratorUrl.Length > 0)
                {
                    w.WriteString("g", a.GeneratorUrl);
                }
                if (a.Timeout)
                {
                    w.WriteBoolean("t", true);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return buffer.ToArray();
    }

    /// <summary>The alerts of a record; a damaged record is <see cref="InvalidDataException"/>.</summary>
    public static IReadOnlyList<Alert> Decode(ReadOnlySpan<byte> payload)
    {
        try
        {
            return DecodeCore(payload);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException("internal alert record is damaged: " + e.Message, e);
        }
    }

    private static IReadOnlyList<Alert> DecodeCore(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        using var doc = JsonDocument.ParseValue(ref reader);
        var alerts = new List<Alert>(doc.RootElement.GetArrayLength());
        foreach (var o in doc.RootElement.EnumerateArray())
        {
            alerts.Add(new Alert(
                ReadLabels(o.GetProperty("l")),
                AnnotationSet.From(ReadLabels(o.GetProperty("a"))),
                UnixMs.ToInstant(o.GetProperty("s").GetInt64()),
                UnixMs.ToInstant(o.GetProperty("e").GetInt64()),
                o.TryGetProperty("g", out var g) ? g.GetString() ?? "" : "",
                UnixMs.ToInstant(o.GetProperty("u").GetInt64()),
                o.TryGetProperty("t", out var t) && t.GetBoolean()));
        }
        return alerts;
    }

    private static void WriteLabels(Utf8JsonWriter w, string name, LabelSet labels)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in labels)
        {
            w.WriteString(k, v);
        }
        w.WriteEndObject();
    }

    private static LabelSet ReadLabels(JsonElement e) =>
        LabelSet.From(e.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString() ?? "")));
}
