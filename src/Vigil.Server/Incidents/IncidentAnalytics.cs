namespace Vigil.Server.Incidents;

/// <summary>
/// Response metrics across incidents, pure, with the definitions of docs/incidents.md: time to detect = first customer
/// impact → first alert (<c>impactStartedAt</c> → <c>detectedAt</c>); to acknowledge = first page → first
/// acknowledgement; to mitigate = first alert → mitigation (<c>detectedAt</c> → <c>mitigatedAt</c>, the end of
/// customer impact unless corrected); to resolve = opened → resolved. Each mean is over the incidents that have both
/// times; a negative span (an alert before the impact it detected) counts as zero.
/// </summary>
public static class IncidentAnalytics
{
    /// <summary>One incident's facts: the incident, its times (derived and corrected), its customer-minutes lost.</summary>
    public sealed record Facts(Incident Incident, IReadOnlyDictionary<TimeField, IncidentTime> Times, double CustomerMinutes);

    public static IncidentAnalyticsReport Compute(IReadOnlyList<Facts> incidents, DateTimeOffset from, DateTimeOffset to, int vendorDeadlinesMissed)
    {
        var bySeverity = Enum.GetValues<IncidentSeverity>().ToDictionary(s => s, s => incidents.Count(i => i.Incident.Severity == s));
        return new IncidentAnalyticsReport(from, to, incidents.Count, incidents.Count(i => i.Incident.IsOpen), bySeverity,
            Mean(incidents, TimeField.ImpactStarted, TimeField.Detected),
            Mean(incidents, TimeField.FirstPage, TimeField.Acknowledged),
            Mean(incidents, TimeField.Detected, TimeField.Mitigated),
            Mean(incidents, null, TimeField.Resolved),
            incidents.Sum(i => i.CustomerMinutes),
            vendorDeadlinesMissed);
    }

    /// <summary>The mean of <paramref name="end"/> − <paramref name="start"/> (null start: the incident's opening).</summary>
    private static MeanTime Mean(IReadOnlyList<Facts> incidents, TimeField? start, TimeField end)
    {
        var spans = new List<TimeSpan>();
        foreach (var f in incidents)
        {
            DateTimeOffset? s = start is { } field ? f.Times.TryGetValue(field, out var st) ? st.At : null : f.Incident.OpenedAt;
            if (s is { } a && f.Times.TryGetValue(end, out var e))
            {
                spans.Add(e.At > a ? e.At - a : TimeSpan.Zero);
            }
        }
        return spans.Count == 0 ? new MeanTime(null, 0) : new MeanTime(TimeSpan.FromTicks((long)spans.Average(t => (double)t.Ticks)), spans.Count);
    }
}
