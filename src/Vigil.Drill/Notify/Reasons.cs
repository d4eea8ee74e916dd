using Vigil.Server.Config;
using Vigil.Server.Dispatch;

namespace Vigil.Drill.Notify;

/// <summary>
/// Why a planned notification goes out now, read from the same facts <see cref="DedupRule.NeedsUpdate"/> decided on:
/// the integration's last log entry, the new one, and the group's timings and history.
/// </summary>
internal static class Reasons
{
    public static NotificationReason Explain(GroupFlush flush, NotificationLogEntry entry, NotificationLogEntry? previous, bool sendResolved,
        GroupHistory history, DateTimeOffset start, DateTimeOffset now)
    {
        var route = flush.Route;
        if (previous is null)
        {
            if (history.LastFlushAt is { } last)
            {
                return new(ReasonKind.GroupInterval,
                    $"first notification of the group: group_interval {D(route.GroupInterval)} after the flush at {At(last, start)}, which had nothing to send", last);
            }
            return now < history.OpenedAt + route.GroupWait
                ? new(ReasonKind.GroupWait, $"first notification of the group, at once: an alert arrived that started more than group_wait {D(route.GroupWait)} before", history.OpenedAt)
                : new(ReasonKind.GroupWait, $"first notification of the group: group_wait {D(route.GroupWait)} after its first alert at {At(history.OpenedAt, start)}", history.OpenedAt);
        }
        var lastFlush = history.LastFlushAt ?? previous.Timestamp;
        var newFiring = entry.FiringFingerprints.Count(f => !previous.FiringFingerprints.Contains(f));
        if (newFiring > 0)
        {
            return new(ReasonKind.GroupInterval,
                $"group_interval {D(route.GroupInterval)} after the flush at {At(lastFlush, start)}: {newFiring} alert(s) firing that the last notification ({At(previous.Timestamp, start)}) did not show", lastFlush);
        }
        if (entry.FiringFingerprints.Count == 0)
        {
            return new(ReasonKind.Resolved, $"every alert of the group resolved (group_interval {D(route.GroupInterval)} after the flush at {At(lastFlush, start)})", lastFlush);
        }
        var newResolved = entry.ResolvedFingerprints.Count(f => !previous.ResolvedFingerprints.Contains(f));
        if (sendResolved && newResolved > 0)
        {
            return new(ReasonKind.Resolved,
                $"{newResolved} alert(s) resolved since the last notification ({At(previous.Timestamp, start)}), group_interval {D(route.GroupInterval)} after the flush at {At(lastFlush, start)}", lastFlush);
        }
        return new(ReasonKind.RepeatInterval,
            $"nothing changed; repeat_interval {D(route.RepeatInterval)} passed since the last notification at {At(previous.Timestamp, start)}", previous.Timestamp);
    }

    /// <summary>An instant relative to the simulation's start: <c>+1m30s</c>.</summary>
    public static string At(DateTimeOffset t, DateTimeOffset start) => t < start ? "-" + PromDuration.Format(start - t) : "+" + PromDuration.Format(t - start);

    private static string D(TimeSpan d) => PromDuration.Format(d);
}
