namespace Vigil.Server.Alerts;

/// <summary>Alertmanager's rules for folding a newly received alert into the one already held.</summary>
public static class AlertMerge
{
    /// <summary>
    /// The alert to keep when <paramref name="incoming"/> arrives for a fingerprint that holds
    /// <paramref name="existing"/> (or null). Overlapping activity ranges merge; otherwise the incoming
    /// alert replaces the old one (a new occurrence after a resolution).
    /// </summary>
    public static Alert Apply(Alert? existing, Alert incoming, DateTimeOffset now)
    {
        if (existing is null)
        {
            return incoming;
        }
        var overlaps =
            (incoming.EndsAt > existing.StartsAt && incoming.EndsAt < existing.EndsAt) ||
            (incoming.StartsAt > existing.StartsAt && incoming.StartsAt < existing.EndsAt);
        return overlaps ? Merge(existing, incoming, now) : incoming;
    }

    /// <summary>types.Alert.Merge: the younger alert wins, keeping the earliest start and the
    /// latest explicit end.</summary>
    public static Alert Merge(Alert a, Alert o, DateTimeOffset now)
    {
        if (o.UpdatedAt < a.UpdatedAt)
        {
            (a, o) = (o, a);
        }
        var startsAt = a.StartsAt < o.StartsAt ? a.StartsAt : o.StartsAt;
        var endsAt = o.EndsAt;
        if (o.IsResolvedAt(now))
        {
            if (a.IsResolvedAt(now) && a.EndsAt > o.EndsAt)
            {
                endsAt = a.EndsAt;
            }
        }
        else if (a.EndsAt > o.EndsAt && !a.Timeout)
        {
            endsAt = a.EndsAt;
        }
        return o with { StartsAt = startsAt, EndsAt = endsAt };
    }
}
