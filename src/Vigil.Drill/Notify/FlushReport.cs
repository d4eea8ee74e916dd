using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;

namespace Vigil.Drill.Notify;

/// <summary>
/// Turns a flush's plan into the notifications it sends: one per set of integrations that send the same alerts for
/// the same reason (a receiver's webhook and Slack usually go together; an integration without send_resolved parts).
/// </summary>
internal static class FlushReport
{
    public static IReadOnlyList<PredictedNotification> Notifications(GroupFlush flush, FlushPlan plan, VigilConfig config,
        Func<int, NotificationLogEntry?> previous, GroupHistory history, DateTimeOffset start, DateTimeOffset now)
    {
        var sends = new List<(NotificationDecision Decision, PredictedIntegration Integration, NotificationReason Reason)>();
        foreach (var p in plan.Integrations.Where(p => p.Decision.Action == NotificationAction.Send))
        {
            var reason = Reasons.Explain(flush, p.Decision.Entry!, previous(p.Index), p.Integration.SendResolved, history, start, now);
            sends.Add((p.Decision, new PredictedIntegration(p.Integration.Kind, p.Index, p.Integration.Target), reason));
        }
        foreach (var p in plan.Pages)
        {
            var reason = Reasons.Explain(flush, p.Decision.Entry!, previous(p.Index), true, history, start, now);
            var integration = new PredictedIntegration("vigil", p.Index, "escalation policy " + p.Policy, p.Policy, Paged(config, p.Policy), p.Firing.Count == 0);
            sends.Add((p.Decision, integration, reason));
        }
        return sends
            .GroupBy(s => Signature(s.Decision.Alerts) + "|" + s.Reason.Text, StringComparer.Ordinal)
            .Select(g =>
            {
                var (decision, _, reason) = g.First();
                return new PredictedNotification(now, flush.Receiver, [.. g.Select(s => s.Integration)], flush.GroupKey, flush.GroupLabels,
                    [.. decision.Alerts.Where(a => !GroupFlush.IsResolved(a))], [.. decision.Alerts.Where(GroupFlush.IsResolved)], reason);
            })
            .ToList();
    }

    /// <summary>Whom the policy's first level pages (<c>schedule:ops</c>, <c>person:alice</c>, <c>team:db</c>).</summary>
    private static IReadOnlyList<string> Paged(VigilConfig config, string policy) =>
        config.EscalationPolicies.TryGetValue(policy, out var p) && p.Levels.Count > 0 ? [.. p.Levels[0].Targets.Select(t => t.ToString())] : [];

    private static string Signature(IReadOnlyList<Alert> alerts) =>
        string.Join(",", alerts.Select(a => (GroupFlush.IsResolved(a) ? "r" : "f") + a.Fingerprint));
}
