using System.Text.Json;
using Vigil.Server.Labels;

namespace Vigil.Server.Alerts;

/// <summary>
/// The ingest-log payload of alerts Vigil raises itself (probes, heartbeats, hosts): a compact JSON array,
/// one object per alert with labels <c>l</c>, annotations <c>a</c>, start <c>s</c>, end <c>e</c> (unix ms),
/// <c>t</c> when the end is a resolve timeout, generator URL <c>g</c> and update time <c>u</c>. Decoding gives
/// back exactly the alerts that were applied, so a replay after a restart rebuilds the same state.
/// </summary>
internal static class InternalAlertCodec
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
                WriteLabels(w, "a", a.Annotations);
                w.WriteNumber("s", a.StartsAt.ToUnixTimeMilliseconds());
                w.WriteNumber("e", a.EndsAt.ToUnixTimeMilliseconds());
                if (a.Timeout)
                {
                    w.WriteBoolean("t", true);
                }
                if (a.GeneratorUrl.Length > 0)
                {
                    w.WriteString("g", a.GeneratorUrl);
                }
                w.WriteNumber("u", a.UpdatedAt.ToUnixTimeMilliseconds());
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The payload is not what <see cref="Encode"/> writes.</exception>
    public static IReadOnlyList<Alert> Decode(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            var alerts = new List<Alert>(doc.RootElement.GetArrayLength());
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                alerts.Add(new Alert(
                    ReadLabels(e.GetProperty("l")),
                    ReadLabels(e.GetProperty("a")),
                    DateTimeOffset.FromUnixTimeMilliseconds(e.GetProperty("s").GetInt64()),
                    DateTimeOffset.FromUnixTimeMilliseconds(e.GetProperty("e").GetInt64()),
                    e.TryGetProperty("g", out var g) ? g.GetString() ?? "" : "",
                    DateTimeOffset.FromUnixTimeMilliseconds(e.GetProperty("u").GetInt64()),
                    e.TryGetProperty("t", out var t) && t.GetBoolean()));
            }
            return alerts;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"an internal alert record is malformed: {e.Message}", e);
        }
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
        LabelSet.From(e.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? "")));
}
