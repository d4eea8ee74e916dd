using System.Globalization;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Maintenance;

/// <summary>
/// What happens at a window's end, minus the I/O: which alerts it muted still fire, and the critical copy
/// each is raised again as (same labels with <c>severity="critical"</c>, plus an annotation naming the window).
/// </summary>
public static class Overrun
{
    /// <summary>The annotation on a re-raised alert: <c>"&lt;window id&gt; (&lt;announcement&gt;) ended at &lt;time&gt;"</c>.</summary>
    public const string OutlivedAnnotation = "vigil_window_outlived";

    public const string SeverityLabel = "severity";

    public const string Critical = "critical";

    /// <summary>
    /// The alerts the window muted that still fire at <paramref name="now"/>: in its scope, started before the
    /// occurrence ended, and not themselves a re-raised copy.
    /// </summary>
    public static List<Alert> StillFiring(MaintenanceWindow window, Occurrence occurrence, IEnumerable<Alert> alerts, DateTimeOffset now) =>
        alerts.Where(a => a.IsFiringAt(now)
                && a.StartsAt < occurrence.End
                && a.Annotations.Get(OutlivedAnnotation) is null
                && WindowRules.InScope(window, a.Labels))
            .OrderBy(a => a.Fingerprint.Value)
            .ToList();

    /// <summary>The critical copy of <paramref name="original"/>; it keeps the original's start, end and generator URL.</summary>
    public static Alert Derive(Alert original, MaintenanceWindow window, DateTimeOffset endedAt) => original with
    {
        Labels = original.Labels.With(SeverityLabel, Critical),
        Annotations = AnnotationSet.From(
            original.Annotations.Where(p => p.Key != OutlivedAnnotation)
                .Append(new KeyValuePair<string, string>(OutlivedAnnotation, Describe(window, endedAt)))),
    };

    public static string Describe(MaintenanceWindow window, DateTimeOffset endedAt)
    {
        var what = window.Announcement.Length > 0 ? $" ({window.Announcement})" : "";
        return $"{window.Id}{what} ended at {endedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}";
    }
}
