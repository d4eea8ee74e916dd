using System.Text;
using Vigil.Server.Dispatch;

namespace Vigil.Server.Escalation;

/// <summary>What a flushed group's page says: title from its alert name, details from each alert, team, dedup key and PagerDuty key group when the alerts share one.</summary>
internal static class PageRequests
{
    public static PageRequest From(GroupFlush flush, string policy, IReadOnlyList<Alerts.Alert> firing)
    {
        var first = firing[0];
        var name = flush.GroupLabels.Get("alertname") ?? first.Labels.Get("alertname") ?? "alert";
        var title = firing.Count == 1
            ? (first.Annotations.Get("summary") is { Length: > 0 } s ? (NamesItself(s, name) ? s : $"{name}: {s}") : name)
            : $"{name} ({firing.Count} alerts)";
        var details = new StringBuilder();
        foreach (var alert in firing.Take(20))
        {
            details.Append(alert.Labels.ToString());
            if (alert.Annotations.Get("summary") is { Length: > 0 } summary)
            {
                details.Append(" — ").Append(summary);
            }
            details.Append('\n');
        }
        if (firing.Count > 20)
        {
            details.Append($"… and {firing.Count - 20} more\n");
        }
        return new PageRequest(Key(policy, flush.GroupKey, flush.Receiver), flush.GroupKey, flush.Receiver, policy,
            Shared(flush, firing, "team") ?? "", Shared(flush, firing, "dedup_key"), title, details.ToString().TrimEnd(),
            Shared(flush, firing, PagerDutyApi.RoutingKeyGroups.Label));
    }

    public static string Key(string policy, string groupKey, string receiver) => $"{policy}|{receiver}|{groupKey}";

    private static string? Shared(GroupFlush flush, IReadOnlyList<Alerts.Alert> alerts, string label)
    {
        if (flush.GroupLabels.Get(label) is { } grouped)
        {
            return grouped;
        }
        var value = alerts[0].Labels.Get(label);
        return value is not null && alerts.All(a => a.Labels.Get(label) == value) ? value : null;
    }

    /// <summary>
    /// A summary that is the alert's name, or Alertmanager's subject naming it (<c>[FIRING:2] ReplicaLag eu</c>, as an
    /// Alertmanager sends it through PagerDuty), is the title as it is: the name is not put in front a second time.
    /// </summary>
    private static bool NamesItself(string summary, string name) =>
        summary == name || (summary.StartsWith("[FIRING:", StringComparison.Ordinal) || summary.StartsWith("[RESOLVED]", StringComparison.Ordinal))
            && summary.Contains(name, StringComparison.Ordinal);
}
