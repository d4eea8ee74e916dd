namespace Vigil.Server.Dispatch;

/// <summary>Alertmanager's DedupStage.needsUpdate: whether a flush must reach an integration again.</summary>
public static class DedupRule
{
    /// <summary>
    /// <list type="bullet">
    /// <item>Never notified: only when something fires.</item>
    /// <item>An alert fires that was not firing at the last notification: yes.</item>
    /// <item>Nothing fires any more: yes if the last notification had firing alerts (irrespective of
    /// send_resolved, so the log is cleared), otherwise no.</item>
    /// <item>send_resolved and an alert is resolved that was not resolved at the last notification: yes.</item>
    /// <item>Otherwise only when the last notification is older than repeat_interval (strictly).</item>
    /// </list>
    /// </summary>
    public static bool NeedsUpdate(
        NotificationLogEntry? entry,
        IReadOnlySet<ulong> firing,
        IReadOnlySet<ulong> resolved,
        bool sendResolved,
        TimeSpan repeatInterval,
        DateTimeOffset now)
    {
        if (entry is null)
        {
            return firing.Count > 0;
        }
        if (!firing.IsSubsetOf(entry.FiringFingerprints))
        {
            return true;
        }
        if (firing.Count == 0)
        {
            return entry.FiringFingerprints.Count > 0;
        }
        if (sendResolved && !resolved.IsSubsetOf(entry.ResolvedFingerprints))
        {
            return true;
        }
        return entry.Timestamp < now - repeatInterval;
    }

    /// <summary>How long Alertmanager keeps a log entry: twice the repeat interval.</summary>
    public static TimeSpan Retention(TimeSpan repeatInterval) => repeatInterval * 2;
}
