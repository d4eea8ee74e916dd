using Vigil.Server.Labels;
using Vigil.Server.Silences;

namespace Vigil.Server.Incidents;

/// <summary>
/// Silences that cover a linked alert and overlap the incident: created (by whom, with their matchers and comment),
/// approved, expired. Silences kept past their end (<c>silences.retention</c>) are still known.
/// </summary>
internal sealed class SilenceTimelineSource(SilenceSet silences, TimeProvider clock) : ITimelineSource
{
    public string Name => "silence";

    public Task<IReadOnlyList<IncidentEntry>> EntriesAsync(TimelineScope scope, CancellationToken ct) =>
        Task.FromResult(Entries(scope, silences.All, clock.GetUtcNow()));

    public static IReadOnlyList<IncidentEntry> Entries(TimelineScope scope, IReadOnlyList<Silence> all, DateTimeOffset now)
    {
        var labels = scope.OfKind(IncidentLink.Alert).Select(l => l.Labels).Where(l => l.Count > 0).ToList();
        var entries = new List<IncidentEntry>();
        foreach (var s in all)
        {
            if (s.StartsAt > scope.To || s.EndsAt < scope.From || !labels.Any(l => Matcher.All(s.Matchers, l)))
            {
                continue;
            }
            var link = "silence/" + s.Id;
            var matchers = Matcher.ListToString(s.Matchers);
            entries.Add(new IncidentEntry(s.StartsAt, "silence", "created", s.CreatedBy,
                $"silence {matchers} until {IncidentText.Quote(s.EndsAt)}" + (s.Comment.Length > 0 ? $": \"{s.Comment}\"" : ""), link));
            if (s.ApprovedAt is { } approved)
            {
                entries.Add(new IncidentEntry(approved, "silence", "approved", s.ApprovedBy ?? "", $"silence {matchers} approved", link));
            }
            if (s.EndsAt <= now)
            {
                entries.Add(new IncidentEntry(s.EndsAt, "silence", "expired", TimelineRenderer.System, $"silence {matchers} expired", link));
            }
        }
        return entries;
    }
}
