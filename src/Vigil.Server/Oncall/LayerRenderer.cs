using NodaTime;
using NodaTime.TimeZones;

namespace Vigil.Server.Oncall;

/// <summary>
/// What one layer says, as shifts. Turns hand off at local times (so a daily 09:00 hand-off stays at 09:00 across a
/// DST change, making that day 23 h or 25 h long); a local time that does not exist maps to the next valid instant,
/// an ambiguous one to the earlier (<see cref="Resolvers.LenientResolver"/>).
/// </summary>
public static class LayerRenderer
{
    /// <summary>The layer's shifts in [<paramref name="from"/>, <paramref name="to"/>), sorted, not overlapping.</summary>
    public static List<Shift> Render(Layer layer, Instant from, Instant to)
    {
        var turns = Turns(layer, from, to);
        return layer.Restrictions.Count == 0 ? turns : Restrict(turns, Allowed(layer, from, to));
    }

    public static Instant Resolve(LocalDateTime local, DateTimeZone zone) => zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();

    /// <summary>The rotation's turns, ignoring restrictions.</summary>
    public static List<Shift> Turns(Layer layer, Instant from, Instant to)
    {
        var result = new List<Shift>();
        if (layer.Members.Count == 0 || to <= from)
        {
            return result;
        }
        var origin = layer.Start.At(layer.Handoff);
        Instant HandoffAt(long k) => Resolve(layer.Rotation.Step(origin, k), layer.Zone);
        var first = HandoffAt(0);
        long k = 0;
        if (from > first)
        {
            k = (long)((from - first).TotalTicks / layer.Rotation.Nominal.TotalTicks);
            while (k > 0 && HandoffAt(k) > from)
            {
                k--;
            }
            while (HandoffAt(k + 1) <= from)
            {
                k++;
            }
        }
        var start = HandoffAt(k);
        while (start < to)
        {
            var end = HandoffAt(k + 1);
            var s = start < from ? from : start;
            var e = end > to ? to : end;
            if (s < e)
            {
                result.Add(new Shift(layer.Members[(int)(k % layer.Members.Count)], s, e, layer.Name));
            }
            k++;
            start = end;
        }
        return result;
    }

    /// <summary>The union of the layer's restrictions in [from, to), as sorted, merged intervals.</summary>
    public static List<InstantRange> Allowed(Layer layer, Instant from, Instant to)
    {
        var zone = layer.Zone;
        var firstDate = from.InZone(zone).Date.PlusDays(-8);
        var lastDate = to.InZone(zone).Date.PlusDays(1);
        var raw = new List<InstantRange>();
        foreach (var r in layer.Restrictions)
        {
            for (var d = firstDate; d <= lastDate; d = d.PlusDays(1))
            {
                if (r.IsWeekly && d.DayOfWeek != r.FromDay)
                {
                    continue;
                }
                var days = r.IsWeekly ? ((int)r.ToDay!.Value - (int)r.FromDay!.Value + 7) % 7 : 0;
                if (days == 0 && r.To <= r.From)
                {
                    days = r.IsWeekly ? 7 : 1;
                }
                var s = Resolve(d.At(r.From), zone);
                var e = Resolve(d.PlusDays(days).At(r.To), zone);
                if (s < to && e > from && s < e)
                {
                    raw.Add(new InstantRange(s < from ? from : s, e > to ? to : e));
                }
            }
        }
        raw.Sort((a, b) => a.From.CompareTo(b.From));
        var merged = new List<InstantRange>(raw.Count);
        foreach (var i in raw)
        {
            if (merged.Count > 0 && i.From <= merged[^1].To)
            {
                if (i.To > merged[^1].To)
                {
                    merged[^1] = merged[^1] with { To = i.To };
                }
            }
            else
            {
                merged.Add(i);
            }
        }
        return merged;
    }

    private static List<Shift> Restrict(List<Shift> turns, List<InstantRange> allowed)
    {
        var result = new List<Shift>();
        var j = 0;
        foreach (var t in turns)
        {
            while (j < allowed.Count && allowed[j].To <= t.From)
            {
                j++;
            }
            for (var i = j; i < allowed.Count && allowed[i].From < t.To; i++)
            {
                var s = allowed[i].From > t.From ? allowed[i].From : t.From;
                var e = allowed[i].To < t.To ? allowed[i].To : t.To;
                if (s < e)
                {
                    result.Add(t with { From = s, To = e });
                }
            }
        }
        return result;
    }
}
