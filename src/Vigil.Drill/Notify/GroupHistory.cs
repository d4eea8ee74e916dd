namespace Vigil.Drill.Notify;

/// <summary>What the simulator remembers of a group to explain its notifications: when it opened and last flushed.</summary>
internal sealed class GroupHistory(long seq, DateTimeOffset openedAt)
{
    /// <summary>Order of opening: groups due at the same instant flush in this order.</summary>
    public long Seq { get; } = seq;

    /// <summary>When its first alert arrived (group_wait counts from here).</summary>
    public DateTimeOffset OpenedAt { get; } = openedAt;

    public DateTimeOffset? LastFlushAt { get; set; }
}
