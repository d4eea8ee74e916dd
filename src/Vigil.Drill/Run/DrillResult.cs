using Vigil.Drill.Desks;
using Vigil.Drill.Scenarios;

namespace Vigil.Drill.Run;

/// <summary>
/// What a drill found: when the trouble became observable and how long each response took, the customer-minutes lost,
/// every guardrail that acted, the pages per person and channel, the incidents with their postmortems, the invariants
/// and the scenario's expectations. <see cref="ExitCode"/> is 0 when every invariant holds and every expectation is met.
/// </summary>
internal sealed record DrillResult
{
    public required Scenario Scenario { get; init; }
    public required int Seed { get; init; }
    public DateTimeOffset? ObservableAt { get; init; }
    public DateTimeOffset? DetectedAt { get; init; }
    public DateTimeOffset? FirstPageAt { get; init; }
    public DateTimeOffset? CustomerImpactAt { get; init; }
    public DateTimeOffset? FirstCustomerPageAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public DateTimeOffset? MitigatedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public double CustomerMinutesLost { get; init; }
    public double CustomerMinutesAnnounced { get; init; }
    public double PeakImpact { get; init; }
    public int PagesSent { get; init; }
    public required IReadOnlyList<LogEntry> Guardrails { get; init; }
    public required IReadOnlyList<(string Person, string Channel, int Count)> Pages { get; init; }
    public required IReadOnlyList<(DrillIncident Incident, string Postmortem)> Incidents { get; init; }
    public required IReadOnlyList<InvariantResult> Invariants { get; init; }
    public required IReadOnlyList<(Expectation Expect, double? Actual, bool Met)> Expectations { get; init; }
    public required IReadOnlyList<LogEntry> Timeline { get; init; }

    public int ExitCode => Invariants.All(i => i.Holds) && Expectations.All(e => e.Met) ? 0 : 1;

    public static TimeSpan? Between(DateTimeOffset? from, DateTimeOffset? to) => from is { } f && to is { } t ? t - f : null;

    public static DrillResult Of(DrillWorld w)
    {
        var log = w.Log;
        var impact = w.Fleet.Impact;
        var detected = log.First("alert")?.At;
        // The first fault that takes effect at once (a host down, a failing check or probe, a receiver down) or the first
        // reboot by hand; a reboot that loses a mount shows only at the next boot, so it counts through what it breaks.
        var faultAt = w.Scenario.Faults.Where(f => f.Kind != FaultKind.RebootLosesMount).Select(f => (DateTimeOffset?)f.At).Min();
        var observable = Min(Min(faultAt, log.OfKind("act").FirstOrDefault(e => e.Text.Contains(" reboots ", StringComparison.Ordinal))?.At),
            Min(detected, impact.FirstImpactAt));
        var firstPage = log.First("paged")?.At;
        var ack = log.First("ack")?.At;
        var end = w.Clock.GetUtcNow();
        var firingAtEnd = w.Alerts().Any(a => a.IsFiringAt(end));
        var mitigated = impact.FirstImpactAt is null ? null : impact.Share == 0 ? impact.RecoveredAt : null;
        DateTimeOffset? resolved = observable is null || firingAtEnd || impact.Share > 0 ? null
            : Max(mitigated, log.Entries.LastOrDefault(e => e.Kind == "alert" && e.Text.EndsWith(" resolved", StringComparison.Ordinal))?.At);
        var pages = w.Pager.Sent.OrderBy(p => p.Key.Person, StringComparer.Ordinal).ThenBy(p => p.Key.Channel, StringComparer.Ordinal)
            .Select(p => (p.Key.Person, p.Key.Channel, p.Value)).ToList();
        var result = new DrillResult
        {
            Scenario = w.Scenario,
            Seed = w.Seed,
            ObservableAt = observable,
            DetectedAt = detected,
            FirstPageAt = firstPage,
            CustomerImpactAt = impact.FirstImpactAt,
            FirstCustomerPageAt = w.Pager.FirstCustomerPageAt,
            AcknowledgedAt = ack,
            MitigatedAt = mitigated,
            ResolvedAt = resolved,
            CustomerMinutesLost = Math.Round(impact.MinutesLost, 2),
            CustomerMinutesAnnounced = Math.Round(impact.MinutesAnnounced, 2),
            PeakImpact = Math.Round(impact.Peak, 4),
            PagesSent = pages.Sum(p => p.Value),
            Guardrails = [.. log.OfKind("guardrail")],
            Pages = pages,
            Incidents = [.. w.Incidents.All.Select(i => (i, w.Incidents.Postmortem(i)))],
            Invariants = w.Invariants.Check(),
            Expectations = [],
            Timeline = [.. log.Entries.OrderBy(e => e.At)],
        };
        return result with { Expectations = [.. w.Scenario.Expect.Select(e => Judge(e, result, w))] };
    }

    private static (Expectation, double?, bool) Judge(Expectation e, DrillResult r, DrillWorld w)
    {
        double? actual = e.Measure switch
        {
            Measure.CustomerMinutesLost => r.CustomerMinutesLost,
            Measure.PeakImpact => r.PeakImpact,
            Measure.FirstPageWithin => Between(r.ObservableAt, r.FirstPageAt)?.TotalSeconds,
            Measure.DetectWithin => Between(r.ObservableAt, r.DetectedAt)?.TotalSeconds,
            Measure.CustomerPageWithin => Between(r.CustomerImpactAt, r.FirstCustomerPageAt)?.TotalSeconds,
            Measure.AckWithin => Between(r.FirstPageAt, r.AcknowledgedAt)?.TotalSeconds,
            Measure.ResolveWithin => Between(r.ObservableAt, r.ResolvedAt)?.TotalSeconds,
            Measure.PagesSent => r.PagesSent,
            _ => w.Incidents.All.Count,
        };
        return (e, actual, e.IsMet(actual));
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
