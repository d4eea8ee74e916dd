using Vigil.Server.Alerts;
using Vigil.Server.Labels;
using Vigil.Server.Notify.Webhook;

namespace Vigil.Server.Dispatch;

/// <summary>
/// A group's newest notification supersedes the older ones a receiver has not taken yet, but an alert resolved in one
/// of those may no longer be in the group (it left once its resolution was queued). So the newest carries those
/// resolutions over, as Alertmanager would have: it keeps a resolved alert in the group until a notification of it
/// succeeded. Without this, superseding would drop the only message telling the receiver an alert was resolved.
/// </summary>
public static class ResolutionCarryOver
{
    /// <summary>
    /// The payload of <paramref name="planned"/> with the resolved alerts of <paramref name="superseded"/> (payloads,
    /// oldest first) that the group no longer holds, or null when there are none. Alerts beyond max_alerts are counted
    /// in <c>truncatedAlerts</c>.
    /// </summary>
    public static byte[]? Apply(PlannedWebhook planned, IReadOnlyList<byte[]> superseded)
    {
        var held = planned.Flush.Alerts.Select(a => a.Fingerprint).ToHashSet();
        var carried = new Dictionary<Fingerprint, Alert>();
        foreach (var payload in superseded)
        {
            foreach (var alert in WebhookPayloadReader.ResolvedAlerts(payload))
            {
                if (!held.Contains(alert.Fingerprint))
                {
                    carried[alert.Fingerprint] = alert; // a newer message's copy wins
                }
            }
        }
        if (carried.Count == 0)
        {
            return null;
        }
        var alerts = planned.Decision.Alerts.ToList();
        var truncated = planned.Decision.TruncatedAlerts;
        foreach (var alert in carried.Values.OrderBy(a => a, AlertOrder.Instance))
        {
            if (planned.MaxAlerts > 0 && alerts.Count >= planned.MaxAlerts)
            {
                truncated++;
            }
            else
            {
                alerts.Add(alert);
            }
        }
        alerts.Sort(AlertOrder.Instance);
        var flush = planned.Flush;
        return WebhookMessage.Build(flush.Receiver, flush.GroupKey, flush.GroupLabels, alerts, truncated, planned.ExternalUrl, planned.Message.CreatedAt);
    }
}
