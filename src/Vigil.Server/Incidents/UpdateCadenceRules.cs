namespace Vigil.Server.Incidents;

/// <summary>
/// When an open incident's commander is due a reminder to post an update, pure. An update is what a person tells
/// about the incident (a note, a status, severity, title, summary, root cause or customer impact change, a public
/// update) or its opening. The first reminder is due <c>update_every</c> after the last update; while none follows,
/// another is due every <c>update_every</c> after the previous reminder (never a burst after downtime).
/// </summary>
public static class UpdateCadenceRules
{
    /// <summary>The kind of the timeline entry a missed update adds.</summary>
    public const string MissedKind = "missed_update";

    private static readonly HashSet<string> UpdateKinds = new(StringComparer.Ordinal)
    {
        "opened", "note", "status", "severity", "title", "summary", "rootCause", "customerImpact", "update",
    };

    /// <summary>Whether a recorded entry counts as posting an update.</summary>
    public static bool IsUpdate(IncidentEntry entry) => entry.Source == "incident" && UpdateKinds.Contains(entry.Kind);

    /// <summary>When the next missed-update reminder is due; null when none is (resolved, or no cadence for its severity).</summary>
    /// <param name="incident">The incident.</param>
    /// <param name="recorded">Its recorded entries (source <c>incident</c>), any order.</param>
    /// <param name="every">The cadence per severity.</param>
    public static DateTimeOffset? NextReminder(Incident incident, IReadOnlyList<IncidentEntry> recorded, IReadOnlyDictionary<IncidentSeverity, TimeSpan> every)
    {
        if (!incident.IsOpen || !every.TryGetValue(incident.Severity, out var cadence))
        {
            return null;
        }
        var lastUpdate = incident.OpenedAt;
        DateTimeOffset? lastMissed = null;
        foreach (var e in recorded)
        {
            if (IsUpdate(e) && e.At > lastUpdate)
            {
                lastUpdate = e.At;
            }
            else if (e.Source == "incident" && e.Kind == MissedKind && (lastMissed is null || e.At > lastMissed))
            {
                lastMissed = e.At;
            }
        }
        return lastMissed is { } missed && missed >= lastUpdate ? missed + cadence : lastUpdate + cadence;
    }

    /// <summary>The missed-update entry's text.</summary>
    public static string Text(Incident incident, TimeSpan cadence, bool reminded) =>
        $"no update for {Describe(cadence)} ({incident.Severity.Name()} cadence)" +
        (incident.Commander is { } c ? reminded ? $"; commander {c} reminded" : $"; commander {c} has no contact method" : "; no commander to remind");

    /// <summary>A cadence as people say it: 30m, 1h, 1h30m.</summary>
    public static string Describe(TimeSpan t) =>
        (t.Days > 0 ? $"{t.Days}d" : "") + (t.Hours > 0 ? $"{t.Hours}h" : "") + (t.Minutes > 0 ? $"{t.Minutes}m" : "") + (t.Seconds > 0 ? $"{t.Seconds}s" : "") is { Length: > 0 } s ? s : "0s";
}
