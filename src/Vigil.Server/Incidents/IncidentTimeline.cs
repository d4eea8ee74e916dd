using Microsoft.Extensions.Logging;

namespace Vigil.Server.Incidents;

/// <summary>
/// Builds an incident's timeline from every registered <see cref="ITimelineSource"/>, in registration order for ties. A
/// source that fails is logged and left out (its entries come back once it works), so one broken store never hides the
/// rest of the story.
/// </summary>
public sealed partial class IncidentTimeline(IEnumerable<ITimelineSource> sources, TimeProvider clock, ILogger<IncidentTimeline> logger)
{
    private readonly IReadOnlyList<ITimelineSource> _sources = [.. sources];

    public async Task<IReadOnlyList<IncidentEntry>> BuildAsync(Incident incident, IReadOnlyList<IncidentLink> links, CancellationToken ct)
    {
        var scope = TimelineScope.Of(incident, links, clock.GetUtcNow());
        var parts = new List<IReadOnlyList<IncidentEntry>>();
        foreach (var source in _sources)
        {
            try
            {
                parts.Add(await source.EntriesAsync(scope, ct).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSourceFailed(logger, e, source.Name, incident.Id);
            }
        }
        return TimelineMerge.Merge(parts);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timeline source {Source} failed for incident {Incident}; its entries are left out")]
    private static partial void LogSourceFailed(ILogger logger, Exception e, string source, long incident);
}
