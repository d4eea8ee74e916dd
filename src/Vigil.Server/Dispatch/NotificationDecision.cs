using Vigil.Server.Alerts;

namespace Vigil.Server.Dispatch;

/// <summary>
/// The outcome of planning one integration's notification for a flush. <see cref="Alerts"/> are the ones to
/// put in the message (resolved ones dropped when send_resolved is off, then cut to max_alerts);
/// <see cref="TruncatedAlerts"/> counts those cut. <see cref="Entry"/> is the notification log entry to store
/// (null for <see cref="NotificationAction.None"/>); it lists every unmuted alert of the flush, as Alertmanager's does.
/// </summary>
public sealed record NotificationDecision(
    NotificationAction Action,
    IReadOnlyList<Alert> Alerts,
    int TruncatedAlerts,
    NotificationLogEntry? Entry)
{
    public static readonly NotificationDecision Nothing = new(NotificationAction.None, [], 0, null);
}
