using NodaTime;

namespace Vigil.Server.Oncall;

/// <summary>
/// The pure core of schedules: from a schedule, its overrides and a range to the final shifts. Each instant goes
/// to the highest source covering it: overrides (the later made first), then layers from the last to the first.
/// </summary>
public static class ScheduleRenderer
{
    /// <summary>Final shifts in [<paramref name="from"/>, <paramref name="to"/>): sorted, never overlapping;
    /// adjacent pieces of the same person from the same layer are joined.</summary>
    public static List<Shift> Render(Schedule schedule, IReadOnlyList<ScheduleOverride> overrides, Instant from, Instant to)
    {
        if (to <= from)
        {
            return [];
        }
        // Lowest priority first.
        var sources = new List<List<Shift>>(schedule.Layers.Count + overrides.Count);
        foreach (var layer in schedule.Layers)
        {
            sources.Add(LayerRenderer.Render(layer, from, to));
        }
        foreach (var o in overrides.OrderBy(o => o.CreatedAt).ThenBy(o => o.Source == ScheduleOverride.FromConfig ? 0 : 1))
        {
            if (o.From < to && o.To > from)
            {
                sources.Add([new Shift(o.Person, o.From < from ? from : o.From, o.To > to ? to : o.To, Shift.OverrideLayer)]);
            }
        }
        return Combine(sources, from, to);
    }

    /// <summary>Who is on call at <paramref name="at"/>, or null; the shift returned is cut to that one instant.</summary>
    public static Shift? At(Schedule schedule, IReadOnlyList<ScheduleOverride> overrides, Instant at)
    {
        var shifts = Render(schedule, overrides, at, at + Duration.FromTicks(1));
        return shifts.Count == 0 ? null : shifts[0];
    }

    /// <summary>Stacks sorted, non-overlapping shift lists (index = priority, highest last).</summary>
    public static List<Shift> Combine(IReadOnlyList<List<Shift>> sources, Instant from, Instant to)
    {
        var bounds = new List<Instant> { from, to };
        foreach (var list in sources)
        {
            foreach (var s in list)
            {
                bounds.Add(s.From);
                bounds.Add(s.To);
            }
        }
        bounds.Sort();
        var cursor = new int[sources.Count];
        var result = new List<Shift>();
        for (var b = 0; b + 1 < bounds.Count; b++)
        {
            var (s, e) = (bounds[b], bounds[b + 1]);
            if (s >= e || s < from || e > to)
            {
                continue;
            }
            Shift? winner = null;
            for (var i = sources.Count - 1; i >= 0; i--)
            {
                var list = sources[i];
                while (cursor[i] < list.Count && list[cursor[i]].To <= s)
                {
                    cursor[i]++;
                }
                if (cursor[i] < list.Count && list[cursor[i]].From <= s)
                {
                    winner = list[cursor[i]];
                    break;
                }
            }
            if (winner is null)
            {
                continue;
            }
            if (result.Count > 0 && result[^1].To == s && result[^1].Person == winner.Person && result[^1].Layer == winner.Layer)
            {
                result[^1] = result[^1] with { To = e };
            }
            else
            {
                result.Add(new Shift(winner.Person, s, e, winner.Layer));
            }
        }
        return result;
    }
}
