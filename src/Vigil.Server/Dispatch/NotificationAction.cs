namespace Vigil.Server.Dispatch;

/// <summary>What to do for one integration after a flush.</summary>
public enum NotificationAction
{
    /// <summary>Nothing: every alert was muted, or the notification log says nothing changed.</summary>
    None,

    /// <summary>Send nothing but store the new log entry (only resolved alerts and send_resolved is false).</summary>
    LogOnly,

    /// <summary>Send the alerts; store the new log entry once the message is accepted for delivery.</summary>
    Send,
}
