using System.Text.Json;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>Writes <c>gettableAlert</c> objects with Alertmanager 0.25's field names and order,
/// straight to the response stream (100k alerts must take well under a second).</summary>
internal static class GettableAlertWriter
{
    private static readonly JsonEncodedText Annotations = JsonEncodedText.Encode("annotations");
    private static readonly JsonEncodedText EndsAt = JsonEncodedText.Encode("endsAt");
    private static readonly JsonEncodedText FingerprintName = JsonEncodedText.Encode("fingerprint");
    private static readonly JsonEncodedText Receivers = JsonEncodedText.Encode("receivers");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText StartsAt = JsonEncodedText.Encode("startsAt");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updatedAt");
    private static readonly JsonEncodedText GeneratorUrl = JsonEncodedText.Encode("generatorURL");
    private static readonly JsonEncodedText Labels = JsonEncodedText.Encode("labels");

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    public static void Write(Utf8JsonWriter w, Alert alert, AlertStatus status)
    {
        // Times and the fingerprint are formatted on the stack, as UTF-8: a GET of 100k alerts wrote 400k
        // short-lived strings, and formatting them through the culture-aware formatters cost a fifth of the write.
        Span<byte> buffer = stackalloc byte[WireTime.Length];
        w.WriteStartObject();
        w.WritePropertyName(Annotations);
        WriteLabels(w, alert.Annotations);
        w.WriteString(EndsAt, WireTime.FormatUtf8(alert.EndsAt, buffer));
        w.WriteString(FingerprintName, Hex(alert.Fingerprint.Value, buffer));
        w.WriteStartArray(Receivers);
        for (var i = 0; i < status.Receivers.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString(Name, status.Receivers[i]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString(StartsAt, WireTime.FormatUtf8(alert.StartsAt, buffer));
        w.WriteStartObject(Status);
        WriteStrings(w, "inhibitedBy", status.InhibitedBy);
        if (status.WindowIds.Count > 0)
        {
            // Newer Alertmanagers name what else mutes an alert in mutedBy; 0.25 has no such field,
            // so it is written only when a maintenance window mutes the alert.
            WriteStrings(w, "mutedBy", status.WindowIds);
        }
        WriteStrings(w, "silencedBy", status.SilencedBy);
        w.WriteString(State, status.State);
        w.WriteEndObject();
        w.WriteString(UpdatedAt, WireTime.FormatUtf8(alert.UpdatedAt, buffer));
        if (alert.GeneratorUrl.Length > 0)
        {
            w.WriteString(GeneratorUrl, alert.GeneratorUrl);
        }
        w.WritePropertyName(Labels);
        WriteLabels(w, alert.Labels);
        w.WriteEndObject();
    }

    public static void WriteLabels(Utf8JsonWriter w, LabelSet labels) => PlainJsonObject.Write(w, labels);

    public static void WriteLabels(Utf8JsonWriter w, AnnotationSet annotations) => PlainJsonObject.Write(w, annotations);

    /// <summary>The fingerprint as 16 zero-padded lowercase hex digits (Alertmanager's <c>%016x</c>).</summary>
    private static ReadOnlySpan<byte> Hex(ulong value, Span<byte> destination)
    {
        var d = destination[..16];
        for (var i = 15; i >= 0; i--)
        {
            d[i] = HexDigits[(int)(value & 0xF)];
            value >>= 4;
        }
        return d;
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
        w.WriteEndArray();
    }
}
