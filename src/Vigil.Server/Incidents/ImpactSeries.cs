namespace Vigil.Server.Incidents;

/// <summary>
/// Customer impact measured, pure: which checks face customers (<see cref="Checks"/>), and the per-minute share of them
/// failing, its peak and the customer-minutes lost (<see cref="Compute"/>). A minute's share is time-weighted (a check
/// failing for 30 s of the minute counts half), so the sum of the minutes is the exact area under the failing share.
/// </summary>
public static class ImpactSeries
{
    /// <summary>The longest series computed (31 days of minutes); a longer incident is measured over its first 31 days.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The customer-facing checks: every probe in <paramref name="customerProbes"/> (failing while a linked customer alert
    /// carries its <c>probe</c> label), and every other linked customer alert as a check of its own.
    /// </summary>
    public static IReadOnlyList<ImpactCheck> Checks(IReadOnlyList<IncidentLink> links, IReadOnlyCollection<string> customerProbes)
    {
        var byCheck = new Dictionary<string, List<(DateTimeOffset, DateTimeOffset?)>>(StringComparer.Ordinal);
        foreach (var probe in customerProbes)
        {
            byCheck["probe:" + probe] = [];
        }
        foreach (var link in links)
        {
            if (link.Kind != IncidentLink.Alert || !link.Customer || link.StartedAt is not { } start)
            {
                continue;
            }
            var probe = link.Labels.Get("probe");
            var id = probe is not null && customerProbes.Contains(probe) ? "probe:" + probe : "alert:" + link.Ref;
            if (!byCheck.TryGetValue(id, out var intervals))
            {
                byCheck[id] = intervals = [];
            }
            intervals.Add((start, link.EndedAt));
        }
        return [.. byCheck.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new ImpactCheck(kv.Key, kv.Value))];
    }

    /// <summary>The series from <paramref name="from"/> to <paramref name="to"/> (minutes on the UTC minute grid).</summary>
    public static ImpactReport Compute(IReadOnlyList<ImpactCheck> checks, DateTimeOffset from, DateTimeOffset to)
    {
        if (to - from > MaxSpan)
        {
            to = from + MaxSpan;
        }
        if (checks.Count == 0 || to <= from)
        {
            return ImpactReport.Empty(from, to);
        }
        var merged = checks.Select(c => Merge(c.Failing, to)).ToList();
        var series = new List<ImpactPoint>();
        double peak = 0, area = 0;
        for (var minute = Floor(from); minute < to; minute += Minute)
        {
            var start = minute < from ? from : minute;
            var end = minute + Minute > to ? to : minute + Minute;
            var span = (end - start).TotalMilliseconds;
            double failingMs = 0;
            foreach (var intervals in merged)
            {
                foreach (var (s, e) in intervals)
                {
                    var overlap = (e < end ? e : end) - (s > start ? s : start);
                    if (overlap > TimeSpan.Zero)
                    {
                        failingMs += overlap.TotalMilliseconds;
                    }
                }
            }
            var share = failingMs / (span * checks.Count);
            series.Add(new ImpactPoint(minute, share));
            peak = Math.Max(peak, share);
            area += share * span / Minute.TotalMilliseconds;
        }
        return new ImpactReport(from, to, checks.Count, series, peak, area);
    }

    /// <summary>A check's failing intervals as disjoint, sorted ones (open ends closed at <paramref name="to"/>), so a check never counts twice.</summary>
    private static List<(DateTimeOffset Start, DateTimeOffset End)> Merge(IReadOnlyList<(DateTimeOffset Start, DateTimeOffset? End)> failing, DateTimeOffset to)
    {
        var result = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var (s, e) in failing.Select(f => (f.Start, End: f.End ?? to)).Where(f => f.End > f.Start).OrderBy(f => f.Start))
        {
            if (result.Count > 0 && s <= result[^1].End)
            {
                result[^1] = (result[^1].Start, e > result[^1].End ? e : result[^1].End);
            }
            else
            {
                result.Add((s, e));
            }
        }
        return result;
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % Minute.Ticks, TimeSpan.Zero);
}
