using Vigil.Server.Escalation;

namespace Vigil.Server.Incidents;

/// <summary>Linked pages' history: triggered, notified, escalated, repeated, acknowledged, resolved — with who.</summary>
internal sealed class PageTimelineSource(PageStore pages) : ITimelineSource
{
    public string Name => "page";

    public async Task<IReadOnlyList<IncidentEntry>> EntriesAsync(TimelineScope scope, CancellationToken ct)
    {
        var entries = new List<IncidentEntry>();
        foreach (var link in scope.OfKind(IncidentLink.Page))
        {
            if (!long.TryParse(link.Ref, out var id))
            {
                continue;
            }
            foreach (var e in await pages.EventsAsync(id, ct).ConfigureAwait(false))
            {
                var text = $"page {id} {e.Kind.Replace('_', ' ')}: {link.Label}" + (e.Detail.Length > 0 ? $" ({e.Detail})" : "");
                entries.Add(new IncidentEntry(e.At, "page", e.Kind, e.Actor, text, "page/" + link.Ref));
            }
        }
        return entries;
    }
}
