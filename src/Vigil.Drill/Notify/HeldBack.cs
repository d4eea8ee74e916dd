using Vigil.Server.Labels;

namespace Vigil.Drill.Notify;

/// <summary>What kept a firing alert out of its group's notifications.</summary>
internal enum HoldKind
{
    /// <summary>An active silence matches it.</summary>
    Silenced,

    /// <summary>An inhibit rule's source alert fires.</summary>
    Inhibited,

    /// <summary>A maintenance window expects it on its target.</summary>
    Window,

    /// <summary>Its route is inside a mute_time_interval or outside its active_time_intervals: the whole group waits.</summary>
    TimeInterval,

    /// <summary>Not held back: a silence matches it but lacks the second person's approval a customer-impact alert needs.</summary>
    ApprovalMissing,
}

/// <summary>
/// Reported at the first flush of the group where the alert is held back for this reason (not again at each flush
/// while it stays so). <see cref="Detail"/> names the silence (id and comment), the inhibiting alert, the window or
/// the time intervals.
/// </summary>
internal sealed record HeldBack(DateTimeOffset At, string Receiver, string GroupKey, LabelSet Alert, HoldKind Kind, string Detail);
