namespace Vigil.Server.Incidents;

/// <summary>
/// Merges the sources' entries into one timeline: by time, then by the order the sources were given, then by each
/// source's own order; an entry two sources both report (same time, kind, link and text) appears once. Pure.
/// </summary>
public static class TimelineMerge
{
    public static IReadOnlyList<IncidentEntry> Merge(IReadOnlyList<IReadOnlyList<IncidentEntry>> sources)
    {
        var all = new List<(IncidentEntry Entry, int Source, int Index)>();
        for (var s = 0; s < sources.Count; s++)
        {
            for (var i = 0; i < sources[s].Count; i++)
            {
                all.Add((sources[s][i], s, i));
            }
        }
        var seen = new HashSet<(DateTimeOffset, string, string?, string)>();
        return [.. all
            .OrderBy(x => x.Entry.At).ThenBy(x => x.Source).ThenBy(x => x.Index)
            .Where(x => seen.Add((x.Entry.At, x.Entry.Kind, x.Entry.Link, x.Entry.Text)))
            .Select(x => x.Entry)];
    }
}
