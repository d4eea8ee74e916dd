using Vigil.Server.Hosts;
using Vigil.Server.Incidents;
using Vigil.Server.Maintenance;
using Vigil.Server.Oncall;
using Vigil.Server.Plans.Runs;
using Vigil.Server.Probes;

namespace Vigil.Server.Web.Now;

/// <summary>Everything the Now page shows, gathered in one pass over in-memory state (plus the open incidents and
/// plan runs from the database), so the page stays fast with 100,000 alerts, 10,000 probes and 1,000 hosts.</summary>
internal sealed record NowView(
    CustomerImpactNow Customers,
    IReadOnlyList<SeverityCount> Firing,
    int MutedFiring,
    IReadOnlyList<Incident> OpenIncidents,
    IReadOnlyList<ScheduleNow> OnCall,
    IReadOnlyList<WindowNow> Windows,
    IReadOnlyList<PlanRun> Runs,
    IReadOnlyList<HostTrouble> Hosts,
    IReadOnlyList<ScheduleGaps> Gaps);

/// <summary>Customer-facing probes (those with the customer label) and the ones failing now.</summary>
internal sealed record CustomerImpactNow(int Probes, IReadOnlyList<ProbeStatus> Failing)
{
    public double Share => Probes == 0 ? 0 : (double)Failing.Count / Probes;
}

/// <summary>Firing alerts of one severity (not muted / muted by a silence, window or inhibition).</summary>
internal sealed record SeverityCount(string Severity, int Active, int Muted);

/// <summary>Who is on call in a schedule now (and since), and who is next (from when).</summary>
internal sealed record ScheduleNow(string Schedule, Shift? Current, Shift? Next);

/// <summary>A maintenance window running now or starting within the next day.</summary>
internal sealed record WindowNow(MaintenanceWindow Window, Occurrence Occurrence, bool Running);

/// <summary>A host whose agent went silent, or whose post-boot checks are failing after a reboot.</summary>
internal sealed record HostTrouble(HostRecord Host, bool Down, IReadOnlyList<string> PostBootFailing);

/// <summary>A schedule's uncovered intervals in the next 7 days.</summary>
internal sealed record ScheduleGaps(string Schedule, IReadOnlyList<InstantRange> Gaps);
