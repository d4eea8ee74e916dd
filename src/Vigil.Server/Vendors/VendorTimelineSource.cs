using Vigil.Server.Config;
using Vigil.Server.Incidents;

namespace Vigil.Server.Vendors;

/// <summary>The incident's vendor tickets: opened, acknowledged, engaged, resolved (with who), and each deadline missed.</summary>
internal sealed class VendorTimelineSource(VendorTicketStore store) : ITimelineSource
{
    public string Name => "vendor";

    public async Task<IReadOnlyList<IncidentEntry>> EntriesAsync(TimelineScope scope, CancellationToken ct)
    {
        var entries = new List<IncidentEntry>();
        foreach (var t in await store.OfIncidentAsync(scope.Incident.Id, ct).ConfigureAwait(false))
        {
            var link = $"vendor-ticket/{t.Id}";
            entries.Add(new IncidentEntry(t.OpenedAt, Name, "opened", t.OpenedBy, $"ticket #{t.Id} opened with {t.Vendor}: {t.Summary}" + Promises(t), link));
            Add(entries, t.AcknowledgedAt, "acknowledged", t.AcknowledgedBy, t, TicketDeadline.Response);
            Add(entries, t.EngagedAt, "engaged", t.EngagedBy, t, TicketDeadline.OnSite);
            Add(entries, t.ResolvedAt, "resolved", t.ResolvedBy, t, null);
            // A miss is shown when the deadline passed (what a postmortem states), though it is noticed (and paged) a moment later.
            if (t.ResponseMissedAt is not null && t.ResponseDue is { } r)
            {
                entries.Add(new IncidentEntry(r, Name, "deadline_missed", "vigil",
                    $"{t.Vendor} missed its response deadline on ticket #{t.Id}: not acknowledged within {PromDuration.Format(t.ResponseWithin!.Value)}", link));
            }
            if (t.OnSiteMissedAt is not null && t.OnSiteDue is { } o)
            {
                entries.Add(new IncidentEntry(o, Name, "deadline_missed", "vigil",
                    $"{t.Vendor} missed its on-site deadline on ticket #{t.Id}: not engaged within {PromDuration.Format(t.OnSiteWithin!.Value)}", link));
            }
        }
        return entries;
    }

    private void Add(List<IncidentEntry> entries, DateTimeOffset? at, string kind, string? actor, VendorTicket t, TicketDeadline? promise)
    {
        if (at is not { } when)
        {
            return;
        }
        var against = promise is { } p && VendorRules.Lateness(t, p) is { } late
            ? late > TimeSpan.Zero ? $" ({PromDuration.Format(when - t.OpenedAt)} after opening, {PromDuration.Format(late)} late)" : $" ({PromDuration.Format(when - t.OpenedAt)} after opening, in time)"
            : "";
        entries.Add(new IncidentEntry(when, Name, kind, actor ?? "", $"ticket #{t.Id} with {t.Vendor} {kind}{against}", $"vendor-ticket/{t.Id}"));
    }

    private static string Promises(VendorTicket t) =>
        t.ResponseWithin is null && t.OnSiteWithin is null ? ""
        : " (promised: " + string.Join(", ", new[]
        {
            t.ResponseWithin is { } r ? $"acknowledged within {PromDuration.Format(r)}" : null,
            t.OnSiteWithin is { } o ? $"engaged within {PromDuration.Format(o)}" : null,
        }.OfType<string>()) + ")";
}
