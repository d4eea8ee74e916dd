using Microsoft.Extensions.Logging;
using Vigil.Server.Config;
using Vigil.Server.Escalation;
using Vigil.Server.Notify;
using Vigil.Server.Notify.Integrations;
using Vigil.Server.Notify.Webhook;
using Vigil.Server.Storage;

namespace Vigil.Server.Dispatch;

/// <summary>
/// One flush through the notification stages: time-interval mute → inhibition (and later silences,
/// windows) → dedup against the notification log → the message and the new log entry committed together
/// to the durable outbox, so a restart neither re-sends nor forgets.
/// </summary>
public sealed partial class FlushProcessor(
    AlertStatusResolver resolver,
    NotificationLog log,
    OutboxDeliveryService delivery,
    ConfigHolder config,
    ExternalUrl externalUrl,
    PageService pages,
    TimeProvider clock,
    ILogger<FlushProcessor> logger)
{
    /// <summary>Returns false when nothing could be recorded (storage failure): the group keeps its alerts and retries at its next flush.</summary>
    public async Task<bool> ProcessAsync(GroupFlush flush, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var table = resolver.Table;
        if (flush.IsEmpty || table.IsTimeMuted(flush.Route, now))
        {
            return true;
        }
        var receiver = config.Current.FindReceiver(flush.Receiver);
        if (receiver is null)
        {
            return true;
        }
        var unmuted = NotificationPlanner.Unmuted(flush, a => resolver.IsMuted(a, now));
        var messages = new List<PlannedWebhook>();
        var entries = new List<NotificationLogEntry>();
        for (var i = 0; i < receiver.Integrations.Count; i++)
        {
            var integration = receiver.Integrations[i];
            var previous = log.Get(flush.GroupKey, flush.Receiver, i);
            var decision = NotificationPlanner.Plan(flush, unmuted, i, integration.SendResolved, integration.MaxAlerts, previous, now);
            if (decision.Entry is null)
            {
                continue;
            }
            entries.Add(decision.Entry);
            if (decision.Action == NotificationAction.Send)
            {
                // Every kind stores Alertmanager's webhook payload (the template data); its own request is rendered at send time.
                var body = WebhookMessage.Build(flush, decision, externalUrl.Value, now);
                var message = new OutboxMessage(flush.Receiver, i, integration.Target, flush.GroupKey, body, now,
                    Integration: IntegrationDelivery.IntegrationOf(integration));
                messages.Add(new PlannedWebhook(message, flush, decision, integration.MaxAlerts, externalUrl.Value));
            }
        }
        try
        {
            await PageAsync(flush, receiver, unmuted, entries, now, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRecordFailed(e, flush.GroupKey);
            return false;
        }
        if (entries.Count == 0)
        {
            return true;
        }
        try
        {
            await log.RecordAsync(entries, messages, flush.RepeatInterval, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRecordFailed(e, flush.GroupKey);
            return false;
        }
        if (messages.Count > 0)
        {
            delivery.Notify();
        }
        return true;
    }

    /// <summary>
    /// <c>vigil_configs</c>: a group with firing alerts opens a page on the policy (one per group: a page already open
    /// for it is kept); once every alert of the group is resolved, the page resolves. Deduplicated through the
    /// notification log like the webhooks, at integration indexes after them.
    /// </summary>
    private async Task PageAsync(GroupFlush flush, ReceiverConfig receiver, IReadOnlyList<Alerts.Alert> unmuted, List<NotificationLogEntry> entries,
        DateTimeOffset now, CancellationToken ct)
    {
        for (var i = 0; i < receiver.VigilConfigs.Count; i++)
        {
            var index = receiver.Integrations.Count + i;
            var policy = receiver.VigilConfigs[i].Policy;
            var decision = NotificationPlanner.Plan(flush, unmuted, index, true, 0, log.Get(flush.GroupKey, flush.Receiver, index), now);
            if (decision.Entry is null || decision.Action != NotificationAction.Send)
            {
                continue;
            }
            var firing = decision.Alerts.Where(a => !GroupFlush.IsResolved(a)).ToList();
            if (firing.Count > 0)
            {
                await pages.OpenAsync(PageRequests.From(flush, policy, firing), ct);
            }
            else
            {
                await pages.ResolveByKeyAsync(PageRequests.Key(policy, flush.GroupKey, flush.Receiver), ct);
            }
            entries.Add(decision.Entry);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not queue notifications for group {GroupKey}; will retry at its next flush")]
    private partial void LogRecordFailed(Exception e, string groupKey);
}
