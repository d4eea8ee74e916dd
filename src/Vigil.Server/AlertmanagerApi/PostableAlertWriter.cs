using System.Text.Json;
using Vigil.Server.Alerts;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>
/// Alerts as a <c>POST /api/v2/alerts</c> body that <see cref="AlertsRequestParser"/> reads back, with the same
/// receive time, as the same alerts: an end that is <see cref="Alert.Timeout"/> is left out (resolve_timeout sets it).
/// </summary>
internal static class PostableAlertWriter
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
                w.WritePropertyName("labels");
                GettableAlertWriter.WriteLabels(w, a.Labels);
                w.WritePropertyName("annotations");
                GettableAlertWriter.WriteLabels(w, a.Annotations);
                w.WriteString("startsAt", a.StartsAt);
                if (!a.Timeout)
                {
                    w.WriteString("endsAt", a.EndsAt);
                }
                if (a.GeneratorUrl.Length > 0)
                {
                    w.WriteString("generatorURL", a.GeneratorUrl);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return buffer.ToArray();
    }
}
