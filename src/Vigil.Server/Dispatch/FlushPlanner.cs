using Vigil.Server.Alerts;
using Vigil.Server.Config;

namespace Vigil.Server.Dispatch;

/// <summary>
/// The decisions of <see cref="FlushProcessor"/>, pure: time-interval mute → muting (inhibition, silences,
/// windows) → per integration, dedup against the last log entry (<see cref="NotificationPlanner"/>). The server
/// stores and sends the result; the drill simulator reports it.
/// </summary>
public static class FlushPlanner
{
    /// <param name="isMuted">Whether an alert is inhibited, silenced or muted by a window at the flush.</param>
    /// <param name="previous">The log entry of the group's last notification to the integration at an index.</param>
    public static FlushPlan Plan(GroupFlush flush, RoutingTable table, ReceiverConfig? receiver, Func<Alert, bool> isMuted,
        Func<int, NotificationLogEntry?> previous, DateTimeOffset now)
    {
        if (flush.IsEmpty || receiver is null)
        {
            return FlushPlan.Nothing;
        }
        if (table.IsTimeMuted(flush.Route, now))
        {
            return FlushPlan.Muted;
        }
        var unmuted = NotificationPlanner.Unmuted(flush, isMuted);
        var integrations = new List<IntegrationPlan>();
        for (var i = 0; i < receiver.Integrations.Count; i++)
        {
            var integration = receiver.Integrations[i];
            var decision = NotificationPlanner.Plan(flush, unmuted, i, integration.SendResolved, integration.MaxAlerts, previous(i), now);
            if (decision.Entry is not null)
            {
                integrations.Add(new IntegrationPlan(i, integration, decision));
            }
        }
        var pages = new List<PagePlan>();
        for (var i = 0; i < receiver.VigilConfigs.Count; i++)
        {
            var index = receiver.Integrations.Count + i;
            var decision = NotificationPlanner.Plan(flush, unmuted, index, true, 0, previous(index), now);
            if (decision.Entry is not null && decision.Action == NotificationAction.Send)
            {
                var firing = decision.Alerts.Where(a => !GroupFlush.IsResolved(a)).ToList();
                pages.Add(new PagePlan(index, receiver.VigilConfigs[i].Policy, decision, firing));
            }
        }
        return new FlushPlan(false, unmuted, integrations, pages);
    }
}
