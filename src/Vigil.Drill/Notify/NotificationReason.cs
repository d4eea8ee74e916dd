namespace Vigil.Drill.Notify;

/// <summary>Why a notification goes out at its time.</summary>
internal enum ReasonKind
{
    /// <summary>The first notification of the group to the integration, after group_wait (or at once for an old alert).</summary>
    GroupWait,

    /// <summary>A flush group_interval after the previous one, with an alert firing that was not in the last notification.</summary>
    GroupInterval,

    /// <summary>An alert resolved since the last notification (send_resolved), or the whole group did.</summary>
    Resolved,

    /// <summary>Nothing changed, but the last notification is older than repeat_interval.</summary>
    RepeatInterval,
}

/// <summary>
/// The <see cref="Kind"/>, a sentence naming the timings and instants behind it, and <see cref="Since"/>: the instant
/// the timing counts from (the group's first alert, its previous flush, or the last notification).
/// </summary>
internal sealed record NotificationReason(ReasonKind Kind, string Text, DateTimeOffset? Since);
