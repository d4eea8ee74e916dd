using System.Text.Json;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>Writes <c>gettableAlert</c> objects with Alertmanager 0.25's field names and order,
/// straight to the response stream (100k alerts must take well under a second).</summary>
internal static class GettableAlertWriter
{
    public static void Write(Utf8JsonWriter w, Alert alert, AlertStatus status)
    {
        w.WriteStartObject();
        w.WritePropertyName("annotations");
        WriteLabels(w, alert.Annotations);
        w.WriteString("endsAt", WireTime.Format(alert.EndsAt));
        w.WriteString("fingerprint", alert.Fingerprint.ToString());
        w.WriteStartArray("receivers");
        foreach (var r in status.Receivers)
        {
            w.WriteStartObject();
            w.WriteString("name", r);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("startsAt", WireTime.Format(alert.StartsAt));
        w.WriteStartObject("status");
        WriteStrings(w, "inhibitedBy", status.InhibitedBy);
        WriteStrings(w, "silencedBy", status.SilencedBy);
        w.WriteString("state", status.State);
        w.WriteEndObject();
        w.WriteString("updatedAt", WireTime.Format(alert.UpdatedAt));
        if (alert.GeneratorUrl.Length > 0)
        {
            w.WriteString("generatorURL", alert.GeneratorUrl);
        }
        w.WritePropertyName("labels");
        WriteLabels(w, alert.Labels);
        w.WriteEndObject();
    }

    public static void WriteLabels(Utf8JsonWriter w, LabelSet labels)
    {
        w.WriteStartObject();
        foreach (var (k, v) in labels)
        {
            w.WriteString(k, v);
        }
        w.WriteEndObject();
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
