using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Escalation;
using Vigil.Server.Labels;
using Vigil.Server.Maintenance;
using Vigil.Server.Plans.Runs;

namespace Vigil.Server.Incidents;

/// <summary>
/// Turns the ids a person gives (alert fingerprints, page ids, window ids, plan-run ids) into links, refusing any that
/// name nothing Vigil knows; and reads the pages the times need.
/// </summary>
public sealed class IncidentLinker(AlertState alerts, PageStore pages, WindowSet windows, PlanRunStore runs, ConfigHolder config, TimeProvider clock)
{
    private const int MaxLinks = 1000;

    public async Task<IReadOnlyList<IncidentLink>> ResolveAsync(string[]? alertIds, long[]? pageIds, string[]? windowIds, string[]? planRuns, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var links = new List<IncidentLink>();
        foreach (var (text, i) in Indexed(alertIds, "alerts"))
        {
            if (!Fingerprint.TryParse(text, out var fp) || alerts.Get(fp) is not { } alert)
            {
                throw IncidentException.BadRequest($"alerts[{i}]", $"no alert with fingerprint \"{text}\"");
            }
            links.Add(ForAlert(alert, now));
        }
        foreach (var (id, i) in Indexed(pageIds, "pages"))
        {
            if (await pages.GetAsync(id, ct).ConfigureAwait(false) is not { } page)
            {
                throw IncidentException.BadRequest($"pages[{i}]", $"no page {id}");
            }
            links.Add(new IncidentLink(IncidentLink.Page, page.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Title, LabelSet.Empty, false, page.CreatedAt, page.ResolvedAt, now));
        }
        foreach (var (id, i) in Indexed(windowIds, "windows"))
        {
            if (id is null || windows.Get(id) is not { } window)
            {
                throw IncidentException.BadRequest($"windows[{i}]", $"no maintenance window \"{id}\"");
            }
            links.Add(new IncidentLink(IncidentLink.Window, window.Id, window.Announcement, LabelSet.Empty, false, window.Start, window.End, now));
        }
        foreach (var (id, i) in Indexed(planRuns, "planRuns"))
        {
            var text = IncidentText.Line(id, $"planRuns[{i}]", required: true);
            if (await runs.GetAsync(text, ct).ConfigureAwait(false) is not { } run)
            {
                throw IncidentException.BadRequest($"planRuns[{i}]", $"no plan run \"{text}\"");
            }
            links.Add(new IncidentLink(IncidentLink.PlanRun, run.Id, $"plan {run.Plan.Name}", LabelSet.Empty, false, run.CreatedAt,
                run.State.IsFinal() ? run.UpdatedAt : null, now));
        }
        return links;
    }

    /// <summary>The link for an alert: its name, whether customers see it, when it started and (once resolved) ended.</summary>
    public IncidentLink ForAlert(Alert alert, DateTimeOffset now) =>
        new(IncidentLink.Alert, alert.Fingerprint.ToString(), alert.Labels.ValueOrEmpty("alertname"), alert.Labels, config.Current.Silences.CustomerLabel.IsOn(alert.Labels),
            alert.StartsAt, alert.IsResolvedAt(now) ? alert.EndsAt : null, now);

    /// <summary>
    /// The links as they stand now: alerts still held in memory bring their current end; for the others the last end
    /// recorded counts once it has passed (an alert that stopped being sent resolves at its end).
    /// </summary>
    public IReadOnlyList<IncidentLink> Refresh(IReadOnlyList<IncidentLink> links)
    {
        var now = clock.GetUtcNow();
        return [.. links.Select(l => l.Kind != IncidentLink.Alert ? l
            : Fingerprint.TryParse(l.Ref, out var fp) && alerts.Get(fp) is { } a ? l with { EndedAt = a.IsResolvedAt(now) ? a.EndsAt : null }
            : l.EndedAt > now ? l with { EndedAt = null }
            : l)];
    }

    public async Task<IReadOnlyList<PageFact>> PagesAsync(IReadOnlyList<IncidentLink> links, CancellationToken ct)
    {
        var facts = new List<PageFact>();
        foreach (var link in links.Where(l => l.Kind == IncidentLink.Page))
        {
            if (long.TryParse(link.Ref, out var id) && await pages.GetAsync(id, ct).ConfigureAwait(false) is { } p)
            {
                facts.Add(new PageFact(p.Id, p.Title, p.State.ToString().ToLowerInvariant(), p.CreatedAt, p.AcknowledgedAt, p.AcknowledgedBy));
            }
        }
        return facts;
    }

    private static IEnumerable<(T Value, int Index)> Indexed<T>(T[]? values, string field)
    {
        if (values is null)
        {
            return [];
        }
        return values.Length > MaxLinks
            ? throw IncidentException.BadRequest(field, $"at most {MaxLinks} at once (got {values.Length})")
            : values.Select((v, i) => (v, i));
    }
}
