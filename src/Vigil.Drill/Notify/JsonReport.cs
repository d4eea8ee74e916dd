using System.Text;
using System.Text.Json;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Drill.Notify;

/// <summary><c>vigil drill notify --format json</c>: the same content as <see cref="TextReport"/>, for machines; stable field order.</summary>
internal static class JsonReport
{
    public static string Render(NotifyDrillResult result)
    {
        var start = result.Drill.Start;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("file", result.Drill.File);
            w.WriteString("start", DrillTimes.Rfc3339(start));
            w.WriteString("end", DrillTimes.Rfc3339(result.Drill.End));
            w.WriteStartArray("notifications");
            foreach (var n in result.Notifications)
            {
                w.WriteStartObject();
                When(w, n.At, start);
                w.WriteString("receiver", n.Receiver);
                w.WriteString("groupKey", n.GroupKey);
                Labels(w, "groupLabels", n.GroupLabels);
                w.WriteStartArray("integrations");
                foreach (var i in n.Integrations)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", i.Kind);
                    w.WriteNumber("index", i.Index);
                    w.WriteString("target", i.Target);
                    if (i.Policy is not null)
                    {
                        w.WriteString("policy", i.Policy);
                        w.WriteStartArray("paged");
                        (i.Paged ?? []).ToList().ForEach(w.WriteStringValue);
                        w.WriteEndArray();
                        w.WriteBoolean("resolvesPage", i.ResolvesPage);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                Alerts(w, "firing", n.Firing);
                Alerts(w, "resolved", n.Resolved);
                w.WriteStartObject("reason");
                w.WriteString("kind", JsonNamingPolicy.SnakeCaseLower.ConvertName(n.Reason.Kind.ToString()));
                w.WriteString("text", n.Reason.Text);
                w.WriteString("since", n.Reason.Since is { } since ? DrillTimes.Rfc3339(since) : null);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("heldBack");
            foreach (var h in result.HeldBack)
            {
                w.WriteStartObject();
                When(w, h.At, start);
                w.WriteString("receiver", h.Receiver);
                w.WriteString("groupKey", h.GroupKey);
                Labels(w, "alert", h.Alert);
                w.WriteString("kind", JsonNamingPolicy.SnakeCaseLower.ConvertName(h.Kind.ToString()));
                w.WriteString("detail", h.Detail);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("expectations");
            foreach (var e in result.Expectations)
            {
                w.WriteStartObject();
                w.WriteString("location", e.Expectation.Location);
                w.WriteBoolean("met", e.Met);
                w.WriteString("instead", e.Instead);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void When(Utf8JsonWriter w, DateTimeOffset at, DateTimeOffset start)
    {
        w.WriteString("at", DrillTimes.Rfc3339(at));
        w.WriteString("offset", Reasons.At(at, start));
    }

    private static void Alerts(Utf8JsonWriter w, string name, IReadOnlyList<Alert> alerts)
    {
        w.WriteStartArray(name);
        foreach (var a in alerts)
        {
            w.WriteStartObject();
            Labels(w, "labels", a.Labels);
            w.WriteString("startsAt", DrillTimes.Rfc3339(a.StartsAt));
            if (Vigil.Server.Dispatch.GroupFlush.IsResolved(a))
            {
                w.WriteString("endsAt", DrillTimes.Rfc3339(a.EndsAt));
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Labels(Utf8JsonWriter w, string name, LabelSet labels)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in labels)
        {
            w.WriteString(k, v);
        }
        w.WriteEndObject();
    }
}
