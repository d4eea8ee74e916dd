using Vigil.Server.Alerts;

namespace Vigil.Server.Dispatch;

/// <summary>
/// Alertmanager's per-receiver pipeline after a flush, minus the I/O: mute (inhibition, time intervals,
/// silences) → dedup against the notification log → send_resolved filtering → max_alerts truncation.
/// </summary>
public static class NotificationPlanner
{
    /// <summary>The flushed alerts that are not muted, in flush order. Muting applies to every integration alike.</summary>
    public static IReadOnlyList<Alert> Unmuted(GroupFlush flush, Func<Alert, bool> isMuted) =>
        flush.Alerts.Where(a => !isMuted(a)).ToList();

    /// <summary>
    /// Plans one integration (index <paramref name="integrationIndex"/> of the flush's receiver).
    /// <paramref name="isMuted"/> says whether an alert is silenced, inhibited or its route muted by time intervals.
    /// </summary>
    public static NotificationDecision Plan(
        GroupFlush flush,
        Func<Alert, bool> isMuted,
        int integrationIndex,
        bool sendResolved,
        int maxAlerts,
        NotificationLogEntry? previous,
        DateTimeOffset now) =>
        Plan(flush, Unmuted(flush, isMuted), integrationIndex, sendResolved, maxAlerts, previous, now);

    /// <summary>As the other overload, with the unmuted alerts computed once for all integrations.</summary>
    public static NotificationDecision Plan(
        GroupFlush flush,
        IReadOnlyList<Alert> unmuted,
        int integrationIndex,
        bool sendResolved,
        int maxAlerts,
        NotificationLogEntry? previous,
        DateTimeOffset now)
    {
        if (unmuted.Count == 0)
        {
            return NotificationDecision.Nothing;
        }

        var firing = new HashSet<ulong>();
        var resolved = new HashSet<ulong>();
        foreach (var alert in unmuted)
        {
            (GroupFlush.IsResolved(alert) ? resolved : firing).Add(alert.Fingerprint.Value);
        }

        if (!DedupRule.NeedsUpdate(previous, firing, resolved, sendResolved, flush.RepeatInterval, now))
        {
            return NotificationDecision.Nothing;
        }

        var entry = new NotificationLogEntry(flush.GroupKey, flush.Receiver, integrationIndex, firing, resolved, now);
        if (!sendResolved && firing.Count == 0)
        {
            // Alertmanager's RetryStage reports this as notified without sending, so the log is cleared.
            return new NotificationDecision(NotificationAction.LogOnly, [], 0, entry);
        }

        IReadOnlyList<Alert> toSend = sendResolved ? unmuted : unmuted.Where(a => !GroupFlush.IsResolved(a)).ToList();
        var truncated = 0;
        if (maxAlerts > 0 && toSend.Count > maxAlerts)
        {
            truncated = toSend.Count - maxAlerts;
            toSend = toSend.Take(maxAlerts).ToList();
        }
        return new NotificationDecision(NotificationAction.Send, toSend, truncated, entry);
    }
}
