namespace Vigil.Server.Incidents;

/// <summary>
/// Something that knows part of an incident's story from what it already stores: alerts, pages, silences, maintenance
/// windows, host reboots, plan runs' steps and halts, the incident's own entries. Each
/// source returns its entries for the incident; <see cref="TimelineMerge"/> puts them in order. A source never writes.
/// </summary>
public interface ITimelineSource
{
    /// <summary>The source's name as it appears on entries (<c>alert</c>, <c>page</c>, …).</summary>
    string Name { get; }

    Task<IReadOnlyList<IncidentEntry>> EntriesAsync(TimelineScope scope, CancellationToken ct);
}
