using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Labels;
using Vigil.Server.Notify;
using Vigil.Server.Storage;

namespace Vigil.Server.Maintenance;

/// <summary>
/// The warning sent <c>warn_before_end</c> before a window ends: an Alertmanager webhook v4 message with one
/// firing alert <c>{alertname="MaintenanceWindowEnding", window="&lt;id&gt;"}</c>, so existing consumers
/// understand it, one per webhook of the maintenance receiver.
/// </summary>
public static class EndingWarning
{
    public const string AlertName = "MaintenanceWindowEnding";

    /// <summary>The alert the message carries.</summary>
    public static Alert Alert(MaintenanceWindow window, Occurrence occurrence, int stillFiring, DateTimeOffset now)
    {
        var why = new List<string>();
        if (!WindowRules.IsDone(window, occurrence))
        {
            why.Add("the work is not marked done");
        }
        if (stillFiring > 0)
        {
            why.Add($"{stillFiring} alert(s) it mutes still fire");
        }
        var summary = $"Maintenance window {window.Id} ends at {WindowDraft.Rfc3339(occurrence.End)}: {string.Join(" and ", why)}; " +
            "muted alerts still firing then are raised again as critical.";
        return new Alert(
            LabelSet.Of(("alertname", AlertName), ("window", window.Id)),
            AnnotationSet.From(LabelSet.From([
                new("summary", summary),
                new("announcement", window.Announcement),
                new("watcher", window.Watcher),
                new("backup", window.Backup),
                new("ends_at", WindowDraft.Rfc3339(occurrence.End)),
            ], keepEmptyValues: false)),
            now,
            DateTimeOffset.MinValue,
            "",
            now,
            Timeout: false);
    }

    /// <summary>One outbox message per webhook of <paramref name="receiver"/>, idempotent per window occurrence.</summary>
    public static List<OutboxMessage> Messages(ReceiverConfig receiver, MaintenanceWindow window, Occurrence occurrence, Alert alert,
        string externalUrl, DateTimeOffset now)
    {
        var groupLabels = LabelSet.Of(("window", window.Id));
        return ReceiverWarning.Messages(receiver, "{}/maintenance:" + groupLabels, groupLabels, alert,
            $"maintenance-warning:{window.Id}:{occurrence.Start.ToUnixTimeMilliseconds()}", externalUrl, now);
    }
}
