namespace Vigil.Server.Incidents;

/// <summary>
/// The incident's times, derived from its linked alerts and pages, with a person's corrections winning; and the order
/// they must keep. Pure: the same inputs give the same times.
/// </summary>
public static class IncidentTimeRules
{
    /// <summary>Pairs (earlier, later) that must not be reversed when both are known.</summary>
    public static readonly IReadOnlyList<(TimeField Earlier, TimeField Later)> Order =
    [
        (TimeField.ImpactStarted, TimeField.ImpactEnded),
        (TimeField.ImpactStarted, TimeField.Mitigated),
        (TimeField.ImpactStarted, TimeField.Resolved),
        (TimeField.Detected, TimeField.Acknowledged),
        (TimeField.FirstPage, TimeField.Acknowledged),
        (TimeField.Mitigated, TimeField.Resolved),
        (TimeField.ImpactEnded, TimeField.Resolved),
    ];

    /// <summary>
    /// Detected = the first linked alert's start; impact started/ended = the first customer alert's start and, once every
    /// customer alert has ended, the last end; first page and acknowledged = the first page opened and first acknowledged;
    /// mitigated = when customer impact ended; resolved = when the incident was resolved.
    /// </summary>
    public static IReadOnlyDictionary<TimeField, IncidentTime> Derive(Incident incident, IReadOnlyList<IncidentLink> links, IReadOnlyList<PageFact> pages)
    {
        var derived = new Dictionary<TimeField, DateTimeOffset>();
        var alerts = links.Where(l => l.Kind == IncidentLink.Alert && l.StartedAt is not null).ToList();
        if (alerts.Count > 0)
        {
            derived[TimeField.Detected] = alerts.Min(a => a.StartedAt!.Value);
        }
        var customer = alerts.Where(a => a.Customer).ToList();
        if (customer.Count > 0)
        {
            derived[TimeField.ImpactStarted] = customer.Min(a => a.StartedAt!.Value);
            if (customer.All(a => a.EndedAt is not null))
            {
                var ended = customer.Max(a => a.EndedAt!.Value);
                derived[TimeField.ImpactEnded] = ended;
                derived[TimeField.Mitigated] = ended;
            }
        }
        if (pages.Count > 0)
        {
            derived[TimeField.FirstPage] = pages.Min(p => p.CreatedAt);
        }
        if (pages.Where(p => p.AcknowledgedAt is not null).Select(p => p.AcknowledgedAt!.Value).DefaultIfEmpty().Min() is var ack && ack != default)
        {
            derived[TimeField.Acknowledged] = ack;
        }
        var times = derived.ToDictionary(kv => kv.Key, kv => new IncidentTime(kv.Value, IncidentTime.Derived));
        if (incident.ResolvedAt is { } resolved)
        {
            times[TimeField.Resolved] = new IncidentTime(resolved, IncidentTime.Recorded);
        }
        foreach (var (field, at) in incident.Corrections)
        {
            times[field] = new IncidentTime(at, IncidentTime.Corrected);
        }
        return times;
    }

    /// <summary>
    /// Null when the times keep their order, else why not, naming a field a person just set (<paramref name="changed"/>):
    /// <c>mitigatedAt: cannot precede impactStartedAt (…)</c>.
    /// </summary>
    public static (TimeField Field, string Reason)? CheckOrder(IReadOnlyDictionary<TimeField, IncidentTime> times, IReadOnlySet<TimeField> changed)
    {
        foreach (var (earlier, later) in Order)
        {
            if (!times.TryGetValue(earlier, out var e) || !times.TryGetValue(later, out var l) || l.At >= e.At)
            {
                continue;
            }
            if (changed.Contains(later))
            {
                return (later, $"cannot precede {earlier.Name()} ({Format(e.At)}); got {Format(l.At)}");
            }
            if (changed.Contains(earlier))
            {
                return (earlier, $"cannot follow {later.Name()} ({Format(l.At)}); got {Format(e.At)}");
            }
        }
        return null;
    }

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
