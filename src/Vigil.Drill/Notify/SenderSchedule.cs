namespace Vigil.Drill.Notify;

/// <summary>
/// What a Prometheus-like sender posts for a drill's alerts: while an alert fires it is sent every <c>interval</c>
/// with <c>endsAt</c> four intervals ahead (as Prometheus re-sends firing alerts with an end in the future); when it
/// stops it is sent once more, resolved at that instant. Alerts due at the same instant are posted together, in file order.
/// </summary>
internal static class SenderSchedule
{
    public static IReadOnlyList<(DateTimeOffset At, IReadOnlyList<SentAlert> Alerts)> Posts(NotifyDrill drill)
    {
        var posts = new SortedDictionary<DateTimeOffset, List<SentAlert>>();
        foreach (var alert in drill.Alerts)
        {
            foreach (var span in alert.Firing)
            {
                var until = span.To ?? drill.End;
                for (var t = span.From; t < until && t <= drill.End; t += drill.Interval)
                {
                    Add(posts, t, new SentAlert(alert.Labels, span.From, t + (drill.Interval * 4), alert.Annotations));
                }
                if (span.To is { } to && to <= drill.End)
                {
                    Add(posts, to, new SentAlert(alert.Labels, span.From, to, alert.Annotations));
                }
            }
        }
        return [.. posts.Select(p => (p.Key, (IReadOnlyList<SentAlert>)p.Value))];
    }

    private static void Add(SortedDictionary<DateTimeOffset, List<SentAlert>> posts, DateTimeOffset at, SentAlert alert)
    {
        if (!posts.TryGetValue(at, out var list))
        {
            posts[at] = list = [];
        }
        list.Add(alert);
    }
}
