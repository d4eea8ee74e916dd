using NodaTime;
using Vigil.Server.Vendors;

namespace Vigil.Server.Incidents.Postmortems;

/// <summary>
/// The postmortem's measures from what Vigil recorded: customer impact from the incident's impact series
/// (<see cref="IncidentImpact"/>), and each vendor ticket's times against the vendor's promises.
/// </summary>
internal sealed class RecordedMeasures(IncidentImpact impact, VendorTicketStore tickets) : IPostmortemMeasures
{
    public Task<ImpactFigures?> ImpactAsync(IncidentDetail detail, CancellationToken ct)
    {
        var report = impact.Of(detail.Incident, detail.Links);
        return Task.FromResult(report.Checks == 0 ? null : new ImpactFigures(report.Peak, report.CustomerMinutes));
    }

    public async Task<IReadOnlyList<string>> VendorLinesAsync(IncidentDetail detail, DateTimeZone zone, CancellationToken ct) =>
        [.. (await tickets.OfIncidentAsync(detail.Incident.Id, ct).ConfigureAwait(false)).Select(t => Line(t, zone))];

    /// <summary><c>dbhost (ticket #3): opened 2:35 AM by alice; acknowledged 3:15 AM, 40 min after opening — promised within 30 min, 10 min late; …</c></summary>
    public static string Line(VendorTicket t, DateTimeZone zone)
    {
        var parts = new List<string> { $"opened {PostmortemWriter.Local(t.OpenedAt, zone, withDate: false)} by {t.OpenedBy}" };
        parts.Add(State("acknowledged", t.AcknowledgedAt, t.AcknowledgedBy, t.OpenedAt, t.ResponseWithin, t.ResponseMissedAt is not null, zone));
        parts.Add(State("engaged", t.EngagedAt, t.EngagedBy, t.OpenedAt, t.OnSiteWithin, t.OnSiteMissedAt is not null, zone));
        if (t.ResolvedAt is { } resolved)
        {
            parts.Add($"resolved {PostmortemWriter.Local(resolved, zone, withDate: false)}");
        }
        return $"{t.Vendor} (ticket #{t.Id}, \"{t.Summary}\"): {string.Join("; ", parts)}";
    }

    private static string State(string name, DateTimeOffset? at, string? by, DateTimeOffset opened, TimeSpan? promise, bool missed, DateTimeZone zone)
    {
        var promised = promise is { } p ? $"promised within {PostmortemWriter.Duration(p)}" : "no promise";
        if (at is not { } when)
        {
            return promise is { } within
                ? missed ? $"not {name} ({promised}: MISSED)" : $"not {name} yet (due {PostmortemWriter.Local(opened + within, zone, withDate: false)})"
                : $"not {name}";
        }
        var after = when - opened;
        var verdict = promise is { } limit ? after > limit ? $"{promised}, {PostmortemWriter.Duration(after - limit)} late (MISSED)" : $"{promised}, in time" : promised;
        return $"{name} {PostmortemWriter.Local(when, zone, withDate: false)}{(by is { Length: > 0 } ? " by " + by : "")}, {PostmortemWriter.Duration(after)} after opening — {verdict}";
    }
}
