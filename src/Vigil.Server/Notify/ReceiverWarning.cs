using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Labels;
using Vigil.Server.Notify.Webhook;
using Vigil.Server.Storage;

namespace Vigil.Server.Notify;

/// <summary>
/// A warning Vigil sends an admin receiver about itself (a maintenance window ending, a gap in on-call coverage):
/// one Alertmanager webhook v4 message carrying one alert, as an outbox message per integration of the receiver, so it
/// is delivered at least once with retries, and enqueued at most once per <c>dedupKey</c>.
/// </summary>
public static class ReceiverWarning
{
    /// <summary>The outbox messages, one per integration of the receiver; the dedup key of the i-th is <c>{dedupKey}:{i}</c>.</summary>
    public static List<OutboxMessage> Messages(ReceiverConfig receiver, string groupKey, LabelSet groupLabels, Alert alert, string dedupKey,
        string externalUrl, DateTimeOffset now)
    {
        var body = WebhookMessage.Build(receiver.Name, groupKey, groupLabels, [alert], 0, externalUrl, now);
        var messages = new List<OutboxMessage>();
        for (var i = 0; i < receiver.Integrations.Count; i++)
        {
            var integration = receiver.Integrations[i];
            messages.Add(new OutboxMessage(receiver.Name, i, integration.Target, groupKey, body, now, DedupKey: $"{dedupKey}:{i}",
                Integration: Integrations.IntegrationDelivery.IntegrationOf(integration)));
        }
        return messages;
    }
}
