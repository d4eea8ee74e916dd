using NodaTime;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Hosts;
using Vigil.Server.Incidents;
using Vigil.Server.Maintenance;
using Vigil.Server.Oncall;
using Vigil.Server.Plans.Runs;
using Vigil.Server.Probes;

namespace Vigil.Server.Web.Now;

/// <summary>Builds the <see cref="NowView"/>: counts over the live alerts in one pass, no query per row.</summary>
internal sealed class NowBuilder(
    AlertState alerts,
    AlertStatusResolver status,
    ProbeScheduler probes,
    IncidentService incidents,
    OnCallLookup oncall,
    WindowSet windows,
    PlanRunStore runs,
    HostService hosts,
    ConfigHolder config,
    TimeProvider clock)
{
    private static readonly string[] SeverityOrder = ["critical", "error", "warning", "info", "none"];
    private static readonly TimeSpan GapHorizon = TimeSpan.FromDays(7);

    public async Task<NowView> BuildAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = config.Current;
        var open = await incidents.ListAsync(new IncidentFilter(null, null, true, null, null, 50), ct);
        var openRuns = await runs.OpenAsync(ct);
        var (firing, muted) = Firing(now);
        return new NowView(
            Customers(current),
            firing,
            muted,
            open,
            OnCall(current, now),
            Windows(now),
            openRuns,
            Hosts(),
            Gaps(current, now));
    }

    private CustomerImpactNow Customers(VigilConfig current)
    {
        var customer = current.Silences.CustomerLabel;
        int total = 0;
        var failing = new List<ProbeStatus>();
        foreach (var p in probes.All)
        {
            if (!customer.IsOn(p.Definition.Labels))
            {
                continue;
            }
            total++;
            if (!p.Health.Up)
            {
                failing.Add(p);
            }
        }
        return new CustomerImpactNow(total, failing);
    }

    private (List<SeverityCount> Counts, int Muted) Firing(DateTimeOffset now)
    {
        var active = new Dictionary<string, int>(StringComparer.Ordinal);
        var muted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var alert in alerts.All)
        {
            if (!alert.IsFiringAt(now))
            {
                continue;
            }
            var severity = alert.Labels.Get("severity") ?? "none";
            var bucket = status.IsMuted(alert, now) ? muted : active;
            bucket[severity] = bucket.GetValueOrDefault(severity) + 1;
        }
        List<SeverityCount> counts = [.. active.Keys.Union(muted.Keys)
            .OrderBy(s => Array.IndexOf(SeverityOrder, s) is var i && i >= 0 ? i : SeverityOrder.Length)
            .ThenBy(s => s, StringComparer.Ordinal)
            .Select(s => new SeverityCount(s, active.GetValueOrDefault(s), muted.GetValueOrDefault(s)))];
        return (counts, muted.Values.Sum());
    }

    private List<ScheduleNow> OnCall(VigilConfig current, DateTimeOffset now)
    {
        var at = Instant.FromDateTimeOffset(now);
        var list = new List<ScheduleNow>();
        foreach (var schedule in current.Oncall.Schedules)
        {
            var shifts = oncall.Shifts(schedule.Name, at, at + Duration.FromTimeSpan(GapHorizon)) ?? [];
            var here = shifts.FirstOrDefault(s => s.From <= at && at < s.To);
            var next = shifts.FirstOrDefault(s => s.From > at && (here is null || s.Person != here.Person));
            list.Add(new ScheduleNow(schedule.Name, here, next));
        }
        return list;
    }

    private List<WindowNow> Windows(DateTimeOffset now)
    {
        var list = new List<WindowNow>();
        foreach (var w in windows.All)
        {
            if (w.EndedAt is not null || w.DoneAt is not null)
            {
                continue;
            }
            if (WindowRules.OccurrenceAt(w, now) is { } running)
            {
                list.Add(new WindowNow(w, running, true));
            }
            else if (WindowRules.NextOccurrence(w, now) is { } next && next.Start - now <= TimeSpan.FromDays(1))
            {
                list.Add(new WindowNow(w, next, false));
            }
        }
        return [.. list.OrderBy(w => w.Occurrence.Start)];
    }

    private List<HostTrouble> Hosts()
    {
        var list = new List<HostTrouble>();
        foreach (var h in hosts.All)
        {
            if (h.DownRaised || h.PostBootFailing.Count > 0)
            {
                list.Add(new HostTrouble(h, h.DownRaised, [.. h.PostBootFailing.Order(StringComparer.Ordinal)]));
            }
        }
        return list;
    }

    private List<ScheduleGaps> Gaps(VigilConfig current, DateTimeOffset now)
    {
        var from = Instant.FromDateTimeOffset(now);
        var to = from + Duration.FromTimeSpan(GapHorizon);
        var list = new List<ScheduleGaps>();
        foreach (var schedule in current.Oncall.Schedules)
        {
            var gaps = CoverageGaps.Find(oncall.Shifts(schedule.Name, from, to) ?? [], from, to);
            if (gaps.Count > 0)
            {
                list.Add(new ScheduleGaps(schedule.Name, gaps));
            }
        }
        return list;
    }
}
