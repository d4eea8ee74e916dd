using System.Text;
using Vigil.Server.Alerts;

namespace Vigil.Drill.Notify;

/// <summary>
/// The readable output of <c>vigil drill notify</c>: each notification and each alert held back in time order
/// (relative to start and absolute), with whom it reaches and why, then the expectations.
/// </summary>
internal static class TextReport
{
    public static string Render(NotifyDrillResult result)
    {
        var drill = result.Drill;
        var sb = new StringBuilder();
        sb.Append("drill ").Append(drill.File).Append(": start ").Append(DrillTimes.Rfc3339(drill.Start))
            .Append(", end ").Append(Reasons.At(drill.End, drill.Start)).Append('\n');
        var events = result.HeldBack.Select(h => (h.At, Order: 0, Text: HeldBack(h, drill.Start)))
            .Concat(result.Notifications.Select(n => (n.At, Order: 1, Text: Notification(n, drill.Start))))
            .Select((e, i) => (e.At, e.Order, e.Text, i))
            .OrderBy(e => e.At).ThenBy(e => e.Order).ThenBy(e => e.i);
        foreach (var e in events)
        {
            sb.Append('\n').Append(e.Text);
        }
        sb.Append('\n').Append($"{result.Notifications.Count} notification(s), {result.HeldBack.Count} hold(s)\n");
        foreach (var check in result.Expectations)
        {
            sb.Append(check.Met ? "expect met:     " : "expect NOT met: ").Append(check.Expectation.Location).Append('\n');
            if (!check.Met)
            {
                sb.Append("  wanted:  ").Append(Wanted(check.Expectation, drill.Start)).Append('\n');
                sb.Append("  instead: ").Append(check.Instead).Append('\n');
            }
        }
        return sb.ToString();
    }

    private static string Notification(PredictedNotification n, DateTimeOffset start)
    {
        var sb = new StringBuilder();
        sb.Append(When(n.At, start)).Append("  NOTIFY ").Append(n.Receiver).Append("  group ").Append(n.GroupLabels).Append('\n');
        Alerts(sb, "firing:  ", n.Firing);
        Alerts(sb, "resolved:", n.Resolved);
        sb.Append("  via:      ").Append(string.Join(", ", n.Integrations.Select(Via))).Append('\n');
        sb.Append("  why:      ").Append(n.Reason.Text).Append('\n');
        return sb.ToString();
    }

    private static string HeldBack(HeldBack h, DateTimeOffset start) =>
        $"{When(h.At, start)}  {(h.Kind == HoldKind.ApprovalMissing ? "NOT MUTED" : "HELD BACK")} {h.Receiver}  {h.Alert}\n  why:      {KindName(h.Kind)}: {h.Detail}\n";

    private static void Alerts(StringBuilder sb, string title, IReadOnlyList<Alert> alerts)
    {
        if (alerts.Count > 0)
        {
            sb.Append("  ").Append(title).Append(' ').Append(string.Join("\n            ", alerts.Select(a => a.Labels.ToString()))).Append('\n');
        }
    }

    private static string Via(PredictedIntegration i) => i.Policy is null
        ? $"{i.Kind} {i.Target}"
        : i.ResolvesPage ? $"resolves the page of escalation policy {i.Policy}"
        : $"pages escalation policy {i.Policy}" + (i.Paged is { Count: > 0 } p ? $" (first: {string.Join(", ", p)})" : "");

    public static string KindName(HoldKind kind) => kind switch
    {
        HoldKind.Silenced => "silenced",
        HoldKind.Inhibited => "inhibited",
        HoldKind.Window => "maintenance window",
        HoldKind.TimeInterval => "time interval",
        _ => "approval missing",
    };

    private static string When(DateTimeOffset at, DateTimeOffset start) => $"{Reasons.At(at, start)} ({DrillTimes.Rfc3339(at)})";

    private static string Wanted(Expectation e, DateTimeOffset start) =>
        $"{(e.At is { } at ? Reasons.At(at, start) : "any time")} {e.Receiver ?? "any receiver"}"
        + (e.Firing is null ? "" : $": firing [{string.Join(", ", e.Firing)}]")
        + (e.Resolved is null ? "" : $", resolved [{string.Join(", ", e.Resolved)}]");
}
