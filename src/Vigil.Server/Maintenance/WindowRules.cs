using Cronos;
using NodaTime;
using Vigil.Server.Labels;

namespace Vigil.Server.Maintenance;

/// <summary>
/// The pure rules of maintenance windows: when a window is open (its occurrences), and which alerts it mutes.
/// No clock: every answer is a function of the window and the instant given.
/// </summary>
public static class WindowRules
{
    /// <summary>The label that marks the customer's view (probes, SLO alerts): never muted by a window.</summary>
    public const string ImpactLabel = "impact";

    public const string CustomerImpact = "customer";

    /// <summary>
    /// Alerts no window mutes, whatever it expects: <c>RebootNonRoutine</c> says the work has run past what is
    /// normal for the host, which is exactly what the people inside the window must hear (the seed outage's
    /// "routine reboot" that was not).
    /// </summary>
    public static readonly IReadOnlySet<string> NeverMutedAlertNames = new HashSet<string>(StringComparer.Ordinal) { "RebootNonRoutine" };

    /// <summary>Whether the window mutes an alert with these labels at <paramref name="now"/>.</summary>
    public static bool Mutes(MaintenanceWindow window, LabelSet labels, DateTimeOffset now) =>
        InScope(window, labels) && OccurrenceAt(window, now) is not null;

    /// <summary>
    /// Whether the labels are what the window is about: one target and one expected signal match, the
    /// alert is not customer-facing (<c>impact="customer"</c>) and not one of <see cref="NeverMutedAlertNames"/>.
    /// </summary>
    /// <remarks>The targets are asked first: they turn away nearly every alert (those of other hosts), through an index
    /// (<see cref="SelectorIndex"/>), while the other two questions are lookups every alert would pay for each open window
    /// (a <c>GET /api/v2/alerts</c> asks this of every alert).</remarks>
    public static bool InScope(MaintenanceWindow window, LabelSet labels) =>
        SelectorIndex.AnyMatches(window.Targets, labels) && SelectorIndex.AnyMatches(window.Expected, labels) &&
        !IsCustomerFacing(labels) && !NeverMutedAlertNames.Contains(labels.ValueOrEmpty("alertname"));

    public static bool IsCustomerFacing(LabelSet labels) =>
        string.Equals(labels.Get(ImpactLabel), CustomerImpact, StringComparison.Ordinal);

    /// <summary>The occurrence open at <paramref name="now"/> (the latest one started, when several overlap), or null.</summary>
    public static Occurrence? OccurrenceAt(MaintenanceWindow window, DateTimeOffset now)
    {
        Occurrence? open = null;
        var longest = window.IsRecurring ? window.Duration!.Value + TimeSpan.FromHours(3) : TimeSpan.Zero;
        foreach (var o in Occurrences(window, window.IsRecurring ? now - longest : DateTimeOffset.MinValue, now))
        {
            if (o.Contains(now))
            {
                open = o;
            }
        }
        return open;
    }

    /// <summary>The first occurrence starting after <paramref name="after"/>, or null when none is to come.</summary>
    public static Occurrence? NextOccurrence(MaintenanceWindow window, DateTimeOffset after)
    {
        foreach (var o in Occurrences(window, after, null))
        {
            if (o.Start > after)
            {
                return o;
            }
        }
        return null;
    }

    /// <summary>The occurrence that started at <paramref name="start"/>, as it stands now (cut short if the window was ended early); null when the window no longer has it.</summary>
    public static Occurrence? OccurrenceStartingAt(MaintenanceWindow window, DateTimeOffset start)
    {
        foreach (var o in Occurrences(window, start, start))
        {
            return o;
        }
        return null;
    }

    public static WindowState StateAt(MaintenanceWindow window, DateTimeOffset now) =>
        OccurrenceAt(window, now) is not null ? WindowState.Active
        : NextOccurrence(window, now) is not null ? WindowState.Upcoming
        : WindowState.Ended;

    /// <summary>Whether the watcher marked the work of this occurrence done.</summary>
    public static bool IsDone(MaintenanceWindow window, Occurrence occurrence) =>
        window.DoneAt is { } done && done >= occurrence.Start;

    /// <summary>
    /// The occurrences whose start is in <c>[from, to]</c> (to null: no limit), in order, each cut short at
    /// <see cref="MaintenanceWindow.EndedAt"/>; none start at or after it.
    /// </summary>
    public static IEnumerable<Occurrence> Occurrences(MaintenanceWindow window, DateTimeOffset from, DateTimeOffset? to)
    {
        if (window.Error is not null)
        {
            yield break;
        }
        var raw = window.IsRecurring ? Recurring(window, from, to) : OneOff(window, from, to);
        foreach (var o in raw)
        {
            if (window.EndedAt is { } ended)
            {
                if (o.Start >= ended)
                {
                    yield break;
                }
                yield return o.End > ended ? o with { End = ended } : o;
                continue;
            }
            yield return o;
        }
    }

    /// <summary>Parses a five-field cron expression; throws <see cref="CronFormatException"/> when invalid.</summary>
    public static CronExpression ParseCron(string cron) => CronExpression.Parse(cron, CronFormat.Standard);

    private static IEnumerable<Occurrence> OneOff(MaintenanceWindow window, DateTimeOffset from, DateTimeOffset? to)
    {
        if (window.Start >= from && (to is null || window.Start <= to) && window.End is { } end)
        {
            yield return new Occurrence(window.Start, end);
        }
    }

    private static IEnumerable<Occurrence> Recurring(MaintenanceWindow window, DateTimeOffset from, DateTimeOffset? to)
    {
        var zone = DateTimeZoneProviders.Tzdb[window.TimeZone!];
        var start = from > window.Start ? from : window.Start;
        DateTimeOffset? limit = to;
        if (window.End is { } until)
        {
            var lastStart = until - TimeSpan.FromTicks(1);
            limit = limit is null || lastStart < limit ? lastStart : limit;
        }
        if (limit is { } l && l < start)
        {
            return [];
        }
        return Recurrence.Between(ParseCron(window.Cron!), zone, window.Duration!.Value, start, limit);
    }
}
