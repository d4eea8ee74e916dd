namespace Vigil.Server.Escalation;

/// <summary>
/// The escalation walk as functions of (page, policy, now), without I/O. A triggered page moves to the next level
/// when its level's ack timeout passes; after the last level it starts again at the first while repeats are left,
/// then stays with nothing more due. An acknowledged page whose <see cref="EscalationPolicy.ReackAfter"/> passes
/// is triggered again at the level that acknowledged it. A late step gives the next level its whole timeout.
/// </summary>
public static class EscalationRules
{
    /// <summary>Step 1: the first level is notified at once.</summary>
    public static PageStep Open(EscalationPolicy policy, DateTimeOffset now) =>
        new(PageState.Triggered, 0, 0, 1, Advance(policy.Levels[0], 1), now + policy.Levels[0].AckTimeout, 0, "triggered");

    /// <summary>The step due at <paramref name="now"/>, or null when none is.</summary>
    public static PageStep? Due(Page page, EscalationPolicy policy, DateTimeOffset now)
    {
        if (page.State == PageState.Resolved || page.NextStepAt is not { } due || due > now)
        {
            return null;
        }
        var step = page.Step + 1;
        if (page.State == PageState.Acknowledged)
        {
            var level = Math.Min(page.Level, policy.Levels.Count - 1);
            return new PageStep(PageState.Triggered, level, page.Round, step, page.Rotation + Advance(policy.Levels[level], 1),
                now + policy.Levels[level].AckTimeout, level, "reack_timeout");
        }
        var next = page.Level + 1;
        var round = page.Round;
        var kind = "escalated";
        if (next >= policy.Levels.Count)
        {
            if (round >= policy.Repeat)
            {
                return new PageStep(PageState.Triggered, page.Level, round, step, page.Rotation, null, null, "exhausted");
            }
            (next, round, kind) = (0, round + 1, "repeated");
        }
        var target = policy.Levels[next];
        return new PageStep(PageState.Triggered, next, round, step, page.Rotation + Advance(target, 1), now + target.AckTimeout, next, kind);
    }

    /// <summary>When an acknowledged page escalates again, or null when the policy never re-escalates.</summary>
    public static DateTimeOffset? ReackDeadline(EscalationPolicy policy, DateTimeOffset acknowledgedAt) =>
        policy.ReackAfter is { } after ? acknowledgedAt + after : null;

    /// <summary>The targets a level pages at a rotation: all of them, or one in turn for round robin (spread over pages by id).</summary>
    public static IReadOnlyList<EscalationTarget> TargetsOf(EscalationLevel level, long pageId, long rotation) =>
        level.RoundRobin ? [level.Targets[(int)((pageId + Math.Max(0, rotation - 1)) % level.Targets.Count)]] : level.Targets;

    private static long Advance(EscalationLevel level, long by) => level.RoundRobin ? by : 0;
}
