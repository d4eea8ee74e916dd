using Vigil.Server.Maintenance;

namespace Vigil.Server.Incidents;

/// <summary>Linked maintenance windows' events: started, the warning before the end, ended, overrun (alerts re-raised).</summary>
internal sealed class WindowTimelineSource(WindowEventStore events) : ITimelineSource
{
    public string Name => "window";

    public async Task<IReadOnlyList<IncidentEntry>> EntriesAsync(TimelineScope scope, CancellationToken ct)
    {
        var entries = new List<IncidentEntry>();
        foreach (var link in scope.OfKind(IncidentLink.Window))
        {
            foreach (var e in await events.ListAsync(link.Ref, ct).ConfigureAwait(false))
            {
                entries.Add(new IncidentEntry(e.At, "window", e.Kind, TimelineRenderer.System, Text(link, e), "window/" + link.Ref));
            }
        }
        return entries;
    }

    private static string Text(IncidentLink window, WindowEvent e)
    {
        var name = window.Label.Length > 0 ? $"maintenance \"{window.Label}\"" : $"maintenance window {window.Ref}";
        var what = e.Kind switch
        {
            WindowEventKinds.Started => "began",
            WindowEventKinds.Warning => "nears its end",
            WindowEventKinds.Ended => "ended",
            WindowEventKinds.Overrun => "overran: alerts it muted still fire and were raised again",
            _ => e.Kind.Replace('_', ' '),
        };
        return $"{name} {what}" + (e.Detail is { Length: > 0 } d ? $" ({d})" : "");
    }
}
