using System.Globalization;
using System.Text.Json;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Notify.Webhook;

/// <summary>Reads back alerts from a webhook payload this server built (<see cref="WebhookMessage"/>), e.g. one still in the outbox.</summary>
public static class WebhookPayloadReader
{
    /// <summary>The alerts shown resolved in <paramref name="payload"/>; none when it is not a webhook payload.</summary>
    public static IReadOnlyList<Alert> ResolvedAlerts(byte[] payload)
    {
        var alerts = new List<Alert>();
        try
        {
            using var doc = JsonDocument.Parse(payload);
            if (!doc.RootElement.TryGetProperty("alerts", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return alerts;
            }
            foreach (var a in list.EnumerateArray())
            {
                if (a.GetProperty("status").GetString() != "resolved")
                {
                    continue;
                }
                var endsAt = Time(a.GetProperty("endsAt"));
                alerts.Add(new Alert(Pairs(a.GetProperty("labels")), AnnotationSet.From(Pairs(a.GetProperty("annotations"))), Time(a.GetProperty("startsAt")),
                    endsAt, a.GetProperty("generatorURL").GetString() ?? "", endsAt, Timeout: false));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Not a payload of ours (or damaged): it has nothing to carry over.
        }
        return alerts;
    }

    private static LabelSet Pairs(JsonElement obj) =>
        LabelSet.From(obj.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? "")), keepEmptyValues: true);

    private static DateTimeOffset Time(JsonElement e) =>
        DateTimeOffset.Parse(e.GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
