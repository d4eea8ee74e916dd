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
    PageService pagesService,
    TimeProvider clock,
    ILogger<FlushProcessor> logger)
{
    /// <summary>
    /// Returns false when nothing could be recorded (storage failure): the group keeps its alerts and retries at its
    /// next flush. True also when the group's dispatch shard went to another node mid-flush: that node sends it.
    /// </summary>
    public async Task<bool> ProcessAsync(GroupFlush flush, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var plan = FlushPlanner.Plan(flush, resolver.Table, config.Current.FindReceiver(flush.Receiver), a => resolver.IsMuted(a, now),
            i => log.Get(flush.GroupKey, flush.Receiver, i), now);
        var messages = new List<PlannedWebhook>();
        var entries = new List<NotificationLogEntry>();
        foreach (var (i, integration, decision) in plan.Integrations)
        {
            entries.Add(decision.Entry!);
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
            await PageAsync(flush, plan.Pages, entries, ct);
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
        var leased = new List<OutboxItem>();
        try
        {
            if (!await log.RecordAsync(entries, messages, flush.RepeatInterval, flush.GroupKey, ct, delivery.LeaseForNew, leased))
            {
                // Its shard went to another node while this flush was under way: that node sends this state.
                LogHandedOver(flush.GroupKey);
                return true;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRecordFailed(e, flush.GroupKey);
            return false;
        }
        // What the worker had room for goes out now, already leased; the rest waits to be claimed.
        leased.ForEach(delivery.StartLeased);
        if (messages.Count > leased.Count)
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
    private async Task PageAsync(GroupFlush flush, IReadOnlyList<PagePlan> pages, List<NotificationLogEntry> entries, CancellationToken ct)
    {
        foreach (var page in pages)
        {
            if (page.Firing.Count > 0)
            {
                await pagesService.OpenAsync(PageRequests.From(flush, page.Policy, page.Firing), ct);
            }
            else
            {
                await pagesService.ResolveByKeyAsync(PageRequests.Key(page.Policy, flush.GroupKey, flush.Receiver), ct);
            }
            entries.Add(page.Decision.Entry!);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "cluster: group {GroupKey} was flushed as its dispatch shard went to another node; that node notifies it")]
    private partial void LogHandedOver(string groupKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not queue notifications for group {GroupKey}; will retry at its next flush")]
    private partial void LogRecordFailed(Exception e, string groupKey);
}
